import { CheckoutDiscountError } from "../errors"
import { assertCouponCode } from "../../modules/coupon/utils/code"

/** A code of a session with the merchant the shopper gave with it (null = none). */
export type SessionCode = { id: string; code: string | null; merchant_id: string | null; is_primary: boolean }
export type WantedCode = { code: string; merchant_id?: string | null }

type DiscountRow = {
  id: string
  type: string
  code: string | null
  scope_merchant_id?: string | null
  is_primary: boolean
}

/** The session's codes as the shopper entered them: code and the merchant given with it. */
export function sessionCodesOf(discounts: DiscountRow[]): SessionCode[] {
  return discounts
    .filter((discount) => discount.type === "CODE")
    .map((discount) => ({
      id: discount.id,
      code: discount.code,
      merchant_id: discount.scope_merchant_id ?? null,
      is_primary: discount.is_primary,
    }))
}

/** The identity of a code in a session: the code ignoring case, and its merchant scope. */
export function sameCode(left: { code: string | null }, right: { code: string | null }): boolean {
  return !!left.code && !!right.code && left.code.toLowerCase() === right.code.toLowerCase()
}

type ScopedCode = { code: string | null; merchant_id?: string | null }

export function sameScopedCode(left: ScopedCode, right: ScopedCode): boolean {
  return sameCode(left, right) && (left.merchant_id ?? null) === (right.merchant_id ?? null)
}

/**
 * Which of `wanted` a session would gain. A code already in the session with
 * the same scope is not added again (adding is idempotent). Refuses a
 * malformed code (`COUPON_CODE_INVALID_FORMAT`) and going past the cap
 * (`TOO_MANY_CODES`), counting `freed` codes that are about to be removed.
 */
export function planCodeAdditions(
  existing: SessionCode[],
  wanted: WantedCode[],
  options: { maxCodes: number; field?: (index: number) => string; freed?: number }
): { toCreate: WantedCode[]; present: SessionCode[] } {
  const toCreate: WantedCode[] = []
  const present: SessionCode[] = []
  wanted.forEach((code, index) => {
    assertCouponCode(code.code, options.field?.(index) ?? "code")
    const match = existing.find((current) => sameScopedCode(current, code))
    if (match) {
      present.push(match)
    } else if (!toCreate.some((planned) => sameScopedCode(planned, code))) {
      toCreate.push({ code: code.code, merchant_id: code.merchant_id ?? null })
    }
  })
  const count = existing.length - (options.freed ?? 0) + toCreate.length
  if (toCreate.length && count > options.maxCodes) {
    throw new CheckoutDiscountError(
      "TOO_MANY_CODES",
      `A cart session may carry at most ${options.maxCodes} codes; this one has ${existing.length}, adding ${toCreate
        .map((code) => code.code)
        .join(", ")} would make ${count}`
    )
  }
  return { toCreate, present }
}
