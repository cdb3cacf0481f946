import { PLUGIN_ERROR_STATUS, type PluginErrorCode } from "../lib/error-codes"

/** A machine code of the plugin (docs/errors.md), each with the HTTP status it answers. */
export type CheckoutDiscountsErrorCode = PluginErrorCode

/** Every machine code the plugin answers, with its HTTP status. */
export const CHECKOUT_DISCOUNTS_ERROR_STATUS: Readonly<Record<CheckoutDiscountsErrorCode, number>> = PLUGIN_ERROR_STATUS

export function isCheckoutDiscountsErrorCode(code: unknown): code is CheckoutDiscountsErrorCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(PLUGIN_ERROR_STATUS, code)
}

type ErrorDetails = {
  status: number
  body: unknown
  method: string
  path: string
  idempotencyKey: string | null
  retryAfter: number | null
  cause?: unknown
}

/**
 * A refusal of the API, or a request that got no answer. `code` is the plugin's machine code
 * (docs/errors.md), null for the host's own refusals (a validator's 400, a missing publishable key, a 401),
 * whose `type` says what they are. `status` is 0 when no answer came (the network failed): the change may
 * or may not have been made, and sending the same call again with the same `idempotencyKey` is safe.
 */
export class CheckoutDiscountsError extends Error {
  readonly status: number
  readonly code: CheckoutDiscountsErrorCode | null
  /** The host's error type (`invalid_data`, `not_found`, `conflict`, `not_allowed`…), null when the body has none. */
  readonly type: string | null
  /** The error body as answered (`{ type, code, message }`), null without one. */
  readonly body: unknown
  readonly method: string
  readonly path: string
  /** The key the call was sent with (mutating calls), to send it again. */
  readonly idempotencyKey: string | null
  /** Seconds to wait before trying again, from `Retry-After` (429 CART_SESSION_CODE_ATTEMPTS_EXCEEDED). */
  readonly retryAfter: number | null

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = "CheckoutDiscountsError"
    const body = details.body as { code?: unknown; type?: unknown } | null
    this.status = details.status
    this.code = isCheckoutDiscountsErrorCode(body?.code) ? body!.code : null
    this.type = typeof body?.type === "string" ? body.type : null
    this.body = details.body
    this.method = details.method
    this.path = details.path
    this.idempotencyKey = details.idempotencyKey
    this.retryAfter = details.retryAfter
  }
}

/** Whether `error` is a CheckoutDiscountsError, of `code` when given. */
export function isCheckoutDiscountsError(error: unknown, code?: CheckoutDiscountsErrorCode): error is CheckoutDiscountsError {
  return error instanceof CheckoutDiscountsError && (code === undefined || error.code === code)
}
