import { randomBytes } from "crypto"
import { CheckoutDiscountError } from "../../../lib/errors"

export const COUPON_CODE_MAX_LENGTH = 50

/** Hand-written in the migration: the DML cannot index expressions. */
export const COUPON_CODE_UNIQUE_INDEX = "IDX_coupon_code_merchant_unique"

const COUPON_CODE_PATTERN = /^[A-Za-z0-9_-]{1,50}$/
const GENERATED_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
export const RANDOM_ALPHABET_SIZE = GENERATED_ALPHABET.length
// Largest multiple of the alphabet size that fits in a byte: bytes at or
// above it are dropped so every character is equally likely.
const UNBIASED_BYTE_LIMIT = 256 - (256 % GENERATED_ALPHABET.length)

export function isCouponCode(code: unknown): code is string {
  return typeof code === "string" && COUPON_CODE_PATTERN.test(code)
}

/** Throws `COUPON_CODE_INVALID_FORMAT` naming the field and the value. */
export function assertCouponCode(code: unknown, field = "code"): asserts code is string {
  if (!isCouponCode(code)) {
    throw new CheckoutDiscountError(
      "COUPON_CODE_INVALID_FORMAT",
      `Field '${field}' must be 1 to ${COUPON_CODE_MAX_LENGTH} letters, digits, "_" or "-", got ${JSON.stringify(code)}`
    )
  }
}

/**
 * The identity of a code in its scope, as the database's unique index sees it:
 * case-insensitive code, merchant (empty for store-wide).
 */
export function couponCodeKey(code: string, merchantId: string | null | undefined): string {
  return `${merchantId ?? ""}\u0000${code.toLowerCase()}`
}

/**
 * When `error` is a violation of the case-insensitive code index, the code
 * (lower-cased) and merchant (`null` = store-wide) it collided on.
 */
export function codeTakenViolation(error: unknown): { code: string; merchant_id: string | null } | null {
  const violation = error as { code?: string; constraint?: string; detail?: string } | null
  if (violation?.code !== "23505" || violation.constraint !== COUPON_CODE_UNIQUE_INDEX) {
    return null
  }
  // detail: Key (lower(code), COALESCE(merchant_id, ''::text))=(summer, acme) already exists.
  const values = /\)=\((.*)\) already exists/.exec(violation.detail ?? "")?.[1] ?? ""
  const separator = values.indexOf(", ")
  const code = separator < 0 ? values : values.slice(0, separator)
  const merchant = separator < 0 ? "" : values.slice(separator + 2)
  return { code, merchant_id: merchant === "" ? null : merchant }
}

/** `length` upper-case letters and digits from the crypto RNG, uniformly distributed. */
export function randomCodePart(length: number): string {
  return randomCodeParts(1, length)[0]
}

/** `count` strings of `length` upper-case letters and digits from the crypto RNG, uniformly distributed, drawn in bulk. */
export function randomCodeParts(count: number, length: number): string[] {
  const parts: string[] = []
  let part = ""
  while (parts.length < count) {
    // A quarter more bytes than characters needed: about 1 byte in 64 is dropped.
    for (const byte of randomBytes(Math.ceil((count - parts.length) * length * 1.25) + length)) {
      if (byte >= UNBIASED_BYTE_LIMIT) {
        continue
      }
      part += GENERATED_ALPHABET[byte % GENERATED_ALPHABET.length]
      if (part.length === length) {
        parts.push(part)
        part = ""
        if (parts.length === count) {
          break
        }
      }
    }
  }
  return parts
}
