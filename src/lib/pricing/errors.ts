export type PricingErrorCode =
  | "UNKNOWN_CURRENCY"
  | "INVALID_AMOUNT"
  | "AMOUNT_OUT_OF_RANGE"
  | "INVALID_INPUT"
  | "DUPLICATE_ID"
  | "LINE_NOT_FOUND"

/**
 * The only error the pricing core throws. `code` is a stable machine code;
 * `field` names the offending input (e.g. `lines[2].quantity`) when there is one.
 */
export class PricingError extends Error {
  readonly code: PricingErrorCode
  readonly field?: string

  constructor(code: PricingErrorCode, message: string, field?: string) {
    super(message)
    this.name = "PricingError"
    this.code = code
    this.field = field
    Object.setPrototypeOf(this, PricingError.prototype)
  }
}

export function isPricingError(error: unknown): error is PricingError {
  return error instanceof PricingError
}
