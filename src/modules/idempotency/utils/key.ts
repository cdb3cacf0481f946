import { CheckoutDiscountError } from "../../../lib/errors"

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/

/** Refuses a key that is empty, longer than 255 or not printable ASCII (400). */
export function assertIdempotencyKey(key: unknown): asserts key is string {
  const problem = keyProblem(key)
  if (problem) {
    throw new CheckoutDiscountError(
      "IDEMPOTENCY_KEY_INVALID",
      `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters, but ${problem}`
    )
  }
}

function keyProblem(key: unknown): string | null {
  if (typeof key !== "string") {
    return "it is not one header value"
  }
  if (key.length === 0) {
    return "it is empty"
  }
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    return `it has ${key.length} characters`
  }
  if (!PRINTABLE_ASCII.test(key)) {
    return "it contains a character that is not printable ASCII"
  }
  return null
}
