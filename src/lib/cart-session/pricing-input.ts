import { toMinorUnits } from "../pricing"
import type { PriceSessionInput, PricingCodeInput, PricingLineInput, PricingManualInput } from "../pricing"
import type { CouponEligibility, CouponPricingTerms } from "../../modules/coupon"

export type StoredLine = {
  id: string
  merchant_id: string
  unit_price: number
  quantity: number
  is_add_on: boolean
}

/** A code to price, with the merchant the shopper gave with it (null = none). */
export type StoredCode = { id: string; code: string; merchant_id: string | null }

/** What a code row will record of its coupon once priced (`value` in minor units when fixed). */
export type CodeTerms = {
  coupon_id: string | null
  value_type: "percentage" | "fixed" | null
  value: number | null
}

export type SessionPricingInput = {
  input: PriceSessionInput
  /** By discount id. */
  terms: Record<string, CodeTerms>
}

/**
 * The pricing core's input for a session: its lines in the order they were
 * added, its codes in the order they were applied, each with what the
 * coupon module decided about it (`eligibilities` by discount id), and its
 * manual discounts (already in minor units). Coupon amounts are converted to
 * the session's minor units here, once.
 */
export function buildSessionPricingInput(
  currency: string,
  lines: StoredLine[],
  codes: StoredCode[],
  eligibilities: Record<string, CouponEligibility>,
  manual: PricingManualInput[] = []
): SessionPricingInput {
  const terms: Record<string, CodeTerms> = {}
  const claimedCoupons = new Map<string, string>()
  const codeInputs = codes.map((row) => {
    const { input, codeTerms } = codeInput(row, eligibilities[row.id], currency, claimedCoupons)
    terms[row.id] = codeTerms
    return input
  })
  const lineInputs: PricingLineInput[] = lines.map((line) => ({
    id: line.id,
    merchant_id: line.merchant_id,
    unit_price: line.unit_price,
    quantity: line.quantity,
    is_add_on: line.is_add_on,
  }))
  return { input: { currency_code: currency, lines: lineInputs, codes: codeInputs, manual }, terms }
}

function codeInput(
  row: StoredCode,
  eligibility: CouponEligibility | undefined,
  currency: string,
  claimedCoupons: Map<string, string>
): { input: PricingCodeInput; codeTerms: CodeTerms } {
  const coupon = eligibility?.coupon ?? null
  const codeTerms = termsOf(coupon, currency)
  const base = {
    id: row.id,
    code: row.code,
    // The coupon's own scope: the merchant a shopper gives with a code only chooses between coupons
    // sharing the code, and never narrows a store-wide coupon (README "How a change is made").
    merchant_id: coupon ? coupon.merchant_id : row.merchant_id,
    value_type: coupon?.value_type ?? "percentage",
    value: codeTerms.value ?? 0,
    combinable: coupon?.combinable ?? true,
    priority: coupon?.priority ?? 0,
  } as const
  const refuse = (status: "INVALID" | "NOT_APPLICABLE", message: string) => ({
    input: { ...base, eligibility: { status, message } },
    codeTerms,
  })

  if (!eligibility || !coupon) {
    return refuse("INVALID", eligibility?.message ?? `Code ${row.code} does not exist`)
  }
  if (eligibility.status !== "ELIGIBLE") {
    return { input: { ...base, eligibility: { status: eligibility.status, message: eligibility.message } }, codeTerms }
  }
  const foreignCurrency = currencyMismatch(coupon, currency)
  if (foreignCurrency) {
    return refuse(
      "NOT_APPLICABLE",
      `Code ${row.code} is valid only for ${foreignCurrency.toUpperCase()} carts, and this cart is in ${currency.toUpperCase()}`
    )
  }
  const claimedBy = claimedCoupons.get(coupon.id)
  if (claimedBy) {
    return refuse("NOT_APPLICABLE", `Code ${row.code} is the same coupon as ${claimedBy}, already in this cart`)
  }
  claimedCoupons.set(coupon.id, row.code)
  const min_subtotal = coupon.min_subtotal === null ? null : toMinorUnits(coupon.min_subtotal, currency, "min_subtotal")
  return { input: { ...base, min_subtotal }, codeTerms }
}

/** A coupon's amounts are in its own currency: a fixed value or a minimum only fits carts in that currency. */
function currencyMismatch(coupon: CouponPricingTerms, currency: string): string | null {
  const amountsInCurrency = coupon.value_type === "fixed" || coupon.min_subtotal !== null
  const couponCurrency = coupon.currency_code?.toLowerCase() ?? null
  return amountsInCurrency && couponCurrency && couponCurrency !== currency.toLowerCase() ? couponCurrency : null
}

function termsOf(coupon: CouponPricingTerms | null, currency: string): CodeTerms {
  if (!coupon) {
    return { coupon_id: null, value_type: null, value: null }
  }
  if (coupon.value_type === "percentage") {
    return { coupon_id: coupon.id, value_type: "percentage", value: coupon.value }
  }
  const sameCurrency = coupon.currency_code?.toLowerCase() === currency.toLowerCase()
  return {
    coupon_id: coupon.id,
    value_type: "fixed",
    value: sameCurrency ? toMinorUnits(coupon.value, currency, "value") : null,
  }
}
