import { buildSessionPricingInput, StoredCode } from "../pricing-input"
import { couponTerms as terms, eligible } from "./coupons"

const line = { id: "line_1", merchant_id: "acme", unit_price: 1000, quantity: 1, is_add_on: false }
const row = (id: string, code: string, merchant_id: string | null = null): StoredCode => ({ id, code, merchant_id })

describe("buildSessionPricingInput", () => {
  it("converts a fixed coupon and a minimum subtotal to the session's minor units, once", () => {
    const coupon = terms({ value_type: "fixed", value: 0.3334, currency_code: "KWD", min_subtotal: 1.5 })
    const { input, terms: recorded } = buildSessionPricingInput("kwd", [line], [row("d1", "FIX")], {
      d1: eligible(coupon, "FIX"),
    })
    expect(input.codes![0]).toMatchObject({ value_type: "fixed", value: 333, min_subtotal: 1500 })
    expect(input.codes![0].eligibility).toBeUndefined()
    expect(recorded.d1).toEqual({ coupon_id: "cpn_1", value_type: "fixed", value: 333 })
  })

  it("refuses a coupon whose amounts are in another currency as NOT_APPLICABLE", () => {
    const fixed = terms({ value_type: "fixed", value: 5, currency_code: "eur" })
    const minimum = terms({ id: "cpn_2", min_subtotal: 50, currency_code: "eur" })
    const anyCurrency = terms({ id: "cpn_3", currency_code: "eur" })
    const { input } = buildSessionPricingInput("usd", [line], [row("d1", "A"), row("d2", "B"), row("d3", "C")], {
      d1: eligible(fixed, "A"),
      d2: eligible(minimum, "B"),
      d3: eligible(anyCurrency, "C"),
    })
    const message = (code: string) => `Code ${code} is valid only for EUR carts, and this cart is in USD`
    expect(input.codes!.map((code) => code.eligibility)).toEqual([
      { status: "NOT_APPLICABLE", message: message("A") },
      { status: "NOT_APPLICABLE", message: message("B") },
      undefined,
    ])
  })

  it("lets one coupon count once: a second code resolving to it is NOT_APPLICABLE", () => {
    const coupon = terms()
    const { input } = buildSessionPricingInput("usd", [line], [row("d1", "SAVE10"), row("d2", "save10", "acme")], {
      d1: eligible(coupon),
      d2: eligible(coupon, "save10"),
    })
    expect(input.codes![0].eligibility).toBeUndefined()
    expect(input.codes![1].eligibility).toEqual({
      status: "NOT_APPLICABLE",
      message: "Code save10 is the same coupon as SAVE10, already in this cart",
    })
  })

  it("scopes a code to its coupon's merchant: a merchant given with a store-wide code never narrows it", () => {
    const storeWide = terms()
    const merchantCoupon = terms({ id: "cpn_2", code: "ACME5", merchant_id: "acme" })
    const { input } = buildSessionPricingInput("usd", [line], [row("d1", "SAVE10", "globex"), row("d2", "ACME5")], {
      d1: eligible(storeWide),
      d2: eligible(merchantCoupon),
    })
    expect(input.codes!.map((code) => code.merchant_id)).toEqual([null, "acme"])
  })

  it("passes the coupon module's refusal on with its message, and an unanswered code as INVALID", () => {
    const expired: CouponEligibility = {
      code: "OLD",
      status: "EXPIRED",
      eligible: false,
      message: 'Coupon code "OLD" expired on 2026-01-01T00:00:00.000Z',
      coupon: terms({ code: "OLD" }),
    }
    const { input, terms: recorded } = buildSessionPricingInput("usd", [line], [row("d1", "OLD"), row("d2", "GHOST")], {
      d1: expired,
    })
    expect(input.codes!.map((code) => code.eligibility)).toEqual([
      { status: "EXPIRED", message: expired.message },
      { status: "INVALID", message: "Code GHOST does not exist" },
    ])
    expect(recorded.d2).toEqual({ coupon_id: null, value_type: null, value: null })
  })
})
