import type { CouponEligibility, CouponPricingTerms } from "../../../modules/coupon"

/** A coupon's pricing terms as the coupon module answers them: 10% store-wide, no rules, unless overridden. */
export const couponTerms = (overrides: Partial<CouponPricingTerms> = {}): CouponPricingTerms => ({
  id: "cpn_1",
  code: "SAVE10",
  merchant_id: null,
  value_type: "percentage",
  value: 10,
  currency_code: null,
  min_subtotal: null,
  combinable: true,
  priority: 0,
  type: "standard",
  allocation: null,
  max_quantity: null,
  rules: null,
  target_rules: null,
  buy_rules: null,
  buy_rules_min_quantity: null,
  apply_to_quantity: null,
  is_automatic: false,
  target_type: "items",
  ...overrides,
})

/** The coupon module's answer for a code it finds usable. */
export const eligible = (coupon: CouponPricingTerms, code = coupon.code): CouponEligibility => ({
  code,
  status: "ELIGIBLE",
  eligible: true,
  message: `Coupon code "${code}" can be applied`,
  coupon,
})
