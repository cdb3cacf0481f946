import { CouponCandidate, CouponEligibility, CouponEligibilityStatus, CouponPricingTerms } from "../types"

type CouponChoice = { coupon: CouponCandidate } | { ambiguous: true } | null

/**
 * The coupon a typed code means. For a merchant's bag: that merchant's coupon,
 * else a store-wide one. Without a merchant: the store-wide coupon, else the
 * one merchant coupon with that code (several merchants' coupons sharing it
 * are ambiguous). Active coupons are preferred, so a deactivated merchant
 * coupon does not hide an active store-wide one.
 */
export function pickCoupon(code: string, candidates: CouponCandidate[], merchantId: string | null): CouponChoice {
  const lower = code.toLowerCase()
  const matching = candidates
    .filter((coupon) => coupon.code.toLowerCase() === lower)
    .filter((coupon) => !merchantId || coupon.merchant_id === merchantId || coupon.merchant_id === null)
  const rank = (coupon: CouponCandidate) =>
    (coupon.is_active ? 0 : 2) + (coupon.merchant_id === merchantId ? 0 : 1)
  const ordered = [...matching].sort((a, b) => rank(a) - rank(b))
  const best = ordered[0]
  if (!best) {
    return null
  }
  if (!merchantId && best.merchant_id !== null) {
    const merchantsWithCode = new Set(
      ordered.filter((coupon) => coupon.is_active === best.is_active).map((coupon) => coupon.merchant_id)
    )
    if (merchantsWithCode.size > 1) {
      return { ambiguous: true }
    }
  }
  return { coupon: best }
}

/** What a shopper is told of a code that does not exist, or that is not theirs to know of. */
export const unknownCodeMessage = (code: string) => `Coupon code ${JSON.stringify(code)} does not exist`

/** The status of one code, checked in the order of docs/statuses.md: existence, dates, usage, customer. */
export function decideEligibility(
  code: string,
  choice: CouponChoice,
  context: { at: Date; customerUses: Map<string, number>; ownSeats?: Map<string, number> }
): CouponEligibility {
  const quoted = JSON.stringify(code)
  if (!choice || "ambiguous" in choice) {
    const message = choice
      ? `Coupon code ${quoted} belongs to several merchants: apply it to a merchant's items`
      : unknownCodeMessage(code)
    return { code, status: "INVALID", eligible: false, message, coupon: null }
  }
  const { coupon } = choice
  if (!coupon.is_active) {
    return { code, status: "INVALID", eligible: false, message: unknownCodeMessage(code), coupon: null }
  }
  const verdict = (status: CouponEligibilityStatus, message: string): CouponEligibility => ({
    code,
    status,
    eligible: status === "ELIGIBLE",
    message,
    coupon: pricingTerms(coupon),
  })
  const at = context.at.getTime()
  if (coupon.starts_at && at < new Date(coupon.starts_at).getTime()) {
    return verdict("NOT_STARTED", `Coupon code ${quoted} is valid from ${new Date(coupon.starts_at).toISOString()}`)
  }
  if (coupon.ends_at && at >= new Date(coupon.ends_at).getTime()) {
    return verdict("EXPIRED", `Coupon code ${quoted} expired on ${new Date(coupon.ends_at).toISOString()}`)
  }
  // The asking session's own seats (a convert that died after taking them) count against no limit of its.
  const own = context.ownSeats?.get(coupon.id) ?? 0
  if (coupon.usage_limit !== null && coupon.usage_count - own >= coupon.usage_limit) {
    return verdict("USAGE_LIMIT_REACHED", `Coupon code ${quoted} has been used the most times allowed`)
  }
  const customerUses = (context.customerUses.get(coupon.id) ?? 0) - own
  if (coupon.usage_limit_per_customer !== null && customerUses >= coupon.usage_limit_per_customer) {
    return verdict(
      "CUSTOMER_LIMIT_REACHED",
      `You have already used coupon code ${quoted} the most times allowed (${coupon.usage_limit_per_customer})`
    )
  }
  return verdict("ELIGIBLE", `Coupon code ${quoted} can be applied`)
}

function pricingTerms(coupon: CouponCandidate): CouponPricingTerms {
  return {
    id: coupon.id,
    code: coupon.code,
    merchant_id: coupon.merchant_id,
    value_type: coupon.value_type,
    value: Number(coupon.value),
    currency_code: coupon.currency_code,
    min_subtotal: coupon.min_subtotal === null ? null : Number(coupon.min_subtotal),
    combinable: coupon.combinable,
    priority: coupon.priority,
    type: coupon.type,
    target_type: coupon.target_type,
    allocation: coupon.allocation,
    max_quantity: coupon.max_quantity,
    rules: coupon.rules,
    target_rules: coupon.target_rules,
    buy_rules: coupon.buy_rules,
    buy_rules_min_quantity: coupon.buy_rules_min_quantity,
    apply_to_quantity: coupon.apply_to_quantity,
    is_automatic: coupon.is_automatic,
  }
}
