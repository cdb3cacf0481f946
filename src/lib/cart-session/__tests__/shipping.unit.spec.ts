import fc from "fast-check"
import type { CartSessionLineState, CartSessionShippingMethodState } from "../../../modules/cart-session"
import { beforeTax, checkTax } from "../../pricing"
import { cartShippingAdjustmentsOf, cartShippingMethodsOf, bagPricesToRestore } from "../host-cart"
import {
  bagShippingBasis,
  changedShipping,
  merchantsToOffer,
  type OfferedShippingOption,
  optionsToTax,
  recheckShippingMethods,
  withShippingAddress,
  withTaxRates,
} from "../shipping"
import { createRuleRegistry } from "../../coupon-rules"
import { priceDraft, type SessionCouponVerdicts } from "../price-draft"
import { newDiscountRow } from "../session-draft"
import { couponTerms, eligible } from "./coupons"
import { sessionState } from "./session-state"

const line = (id: string, merchant_id: string, unit_price: number): CartSessionLineState => ({
  id, position: Number(id.slice(-1)), merchant_id, variant_id: `variant_${id}`, product_id: `prod_${id}`, title: id,
  variant_title: null, quantity: 1, unit_price, is_add_on: false, tax_rates: null, is_tax_inclusive: false, metadata: null,
})
const method = (merchant_id: string, option_id: string, amount: number): CartSessionShippingMethodState => ({
  merchant_id, option_id, name: option_id, amount, is_tax_inclusive: false, tax_rates: null, data: null, priced_for: null,
})
const option = (id: string, amount: number): OfferedShippingOption => ({
  id, name: `${id} name`, price_type: "flat", provider_id: "manual_manual", amount, is_tax_inclusive: false, data: null,
})
const address = { country_code: "us", province: null, postal_code: null, city: null, address_1: null, address_2: null,
  first_name: null, last_name: null, company: null, phone: null }

const session = sessionState({
  shipping_address: address,
  items: [line("csitem_1", "acme", 3411), line("csitem_2", "bolt", 2199)],
  shipping_methods: [method("acme", "so_flat", 499), method("bolt", "so_free", 888)],
  discounts: [],
})

describe("a session's shipping methods checked again", () => {
  it("takes each option's price for the bag now, drops one no longer offered with a notice, and one whose bag is gone silently", () => {
    const { state, notices } = recheckShippingMethods(session, { acme: [option("so_flat", 599)], bolt: [] })
    expect(state.shipping_methods).toEqual([{ ...method("acme", "so_flat", 599), name: "so_flat name" }])
    expect(notices).toEqual([
      { merchant_id: "bolt", message: "Shipping method so_free for bolt was removed: it is no longer offered for these items and address" },
    ])
    const withoutBolt = { ...session, items: session.items.slice(0, 1) }
    expect(recheckShippingMethods(withoutBolt, { acme: [option("so_flat", 499)] }).notices).toEqual([])
  })

  it("sets a wanted method offered to its bag, in bag order, and refuses one not offered or for a merchant without items", () => {
    const noMethods = { ...session, shipping_methods: [] }
    const { state } = recheckShippingMethods(noMethods, { bolt: [option("so_b", 0)] }, { merchant_id: "bolt", option_id: "so_b" })
    expect(state.shipping_methods.map((chosen) => [chosen.merchant_id, chosen.option_id, chosen.amount])).toEqual([["bolt", "so_b", 0]])
    const both = recheckShippingMethods(state, { bolt: [option("so_b", 0)], acme: [option("so_a", 1)] }, { merchant_id: "acme", option_id: "so_a" })
    expect(both.state.shipping_methods.map((chosen) => chosen.merchant_id)).toEqual(["acme", "bolt"])
    expect(() => recheckShippingMethods(noMethods, { acme: [option("so_a", 1)] }, { merchant_id: "acme", option_id: "so_b" })).toThrow(
      expect.objectContaining({ code: "SHIPPING_OPTION_INVALID" })
    )
    expect(() => recheckShippingMethods(noMethods, {}, { merchant_id: "cobalt", option_id: "so_a" })).toThrow(
      expect.objectContaining({ code: "SHIPPING_OPTION_INVALID", message: expect.stringContaining("no items of merchant cobalt") })
    )
  })

  it("asks the host about the bag chosen for and the bags whose method's basis changed (every one at convert), and taxes their options", () => {
    const bases = new Map([["acme", bagShippingBasis(session, "acme", 3411)], ["bolt", bagShippingBasis(session, "bolt", 2199)]])
    const pricedFor = { ...session, shipping_methods: [{ ...method("acme", "so_flat", 1), priced_for: bases.get("acme")! }, method("bolt", "so_free", 1)] }
    expect(merchantsToOffer(pricedFor, null, bases)).toEqual(["bolt"])
    expect(merchantsToOffer(pricedFor, null, bases, true)).toEqual(["acme", "bolt"])
    expect(merchantsToOffer({ ...pricedFor, shipping_methods: pricedFor.shipping_methods.slice(0, 1) }, { merchant_id: "bolt", option_id: "so_x" }, bases)).toEqual(["bolt"])
    // The basis moves with the bag's lines, its item total and the address; not with another bag's lines.
    expect(bagShippingBasis(session, "acme", 3412)).not.toBe(bases.get("acme"))
    expect(bagShippingBasis({ ...session, shipping_address: { ...address, city: "Paris" } }, "acme", 3411)).not.toBe(bases.get("acme"))
    expect(bagShippingBasis({ ...session, items: [session.items[0], { ...session.items[1], quantity: 2 }] }, "acme", 3411)).toBe(bases.get("acme"))
    expect(optionsToTax(session, { merchant_id: "acme", option_id: "so_flat" })).toEqual(["so_flat", "so_free"])
  })

  it("keeps as it is the method of a bag the host was not asked about, and records what a re-priced one is priced for", () => {
    const { state } = recheckShippingMethods(session, { bolt: [option("so_free", 0)] }, null, new Map([["bolt", "basis-b"]]))
    expect(state.shipping_methods).toEqual([method("acme", "so_flat", 499), { ...method("bolt", "so_free", 0), name: "so_free name", priced_for: "basis-b" }])
  })

  it("puts the host's rates on lines and methods, and none without them; an address removed takes the methods with it", () => {
    const taxed = withTaxRates(session, { lines: { csitem_1: [8.875] }, options: { so_free: [8.875, 1] } })
    expect(taxed.items.map((item) => item.tax_rates)).toEqual([[8.875], null])
    expect(taxed.shipping_methods.map((chosen) => chosen.tax_rates)).toEqual([null, [8.875, 1]])
    expect(withTaxRates(taxed, null).items.every((item) => item.tax_rates === null)).toBe(true)
    expect(withShippingAddress(session, null)).toMatchObject({ shipping_address: null, shipping_methods: [] })
  })

  it("names what changed in the shipping the shopper saw: a method removed, a price changed", () => {
    const after = { ...session, shipping_methods: [method("acme", "so_flat", 599)] }
    const notice = { merchant_id: "bolt", message: "removed" }
    expect(changedShipping(session, after, [notice])).toEqual(["removed", "shipping so_flat for acme now costs 5.99 USD"])
    expect(changedShipping(session, session, [])).toEqual([])
  })
})

describe("a session's shipping on its host cart", () => {
  it("gives one method a bag at the bag's price with the bag in its metadata, and shipping discounts as code-less adjustments", () => {
    const discounted = {
      ...session,
      discounts: [{
        id: "csdisc_1", position: 1, type: "CODE" as const, code: "FREESHIP", merchant_id: "acme", scope_merchant_id: null,
        is_primary: false, coupon_id: "cpn_1", status: "APPLIED" as const, value_type: "percentage" as const, value: 100,
        amount_total: 499, target_type: "shipping_methods" as const, allocations: [],
        shipping_allocations: [{ merchant_id: "acme", amount: 499 }], message: null, metadata: null, manual: null,
      }],
    }
    const methods = cartShippingMethodsOf(discounted, "cart_1")
    expect(methods.map((chosen) => [chosen.shipping_option_id, chosen.amount, chosen.metadata])).toEqual([
      ["so_flat", 4.99, { cart_session_id: "csess_1", merchant_id: "acme", bag_amount: 4.99 }],
      ["so_free", 8.88, { cart_session_id: "csess_1", merchant_id: "bolt", bag_amount: 8.88 }],
    ])
    expect(cartShippingAdjustmentsOf(discounted, new Map([["acme", "casm_1"], ["bolt", "casm_2"]]))).toEqual([
      { shipping_method_id: "casm_1", amount: "4.99", code: null, promotion_id: null, provider_id: "checkout-discounts", description: "Code FREESHIP" },
    ])
    expect(
      bagPricesToRestore([
        { id: "casm_1", amount: 0, metadata: { merchant_id: "acme", bag_amount: 4.99 } },
        { id: "casm_2", amount: 8.88, metadata: { merchant_id: "bolt", bag_amount: 8.88 } },
        { id: "casm_3", amount: 1, metadata: null },
      ])
    ).toEqual([{ id: "casm_1", amount: 4.99 }])
  })

  it("gives a tax-inclusive amount's part before tax that, tax added back, is the amount to well under a minor unit", () => {
    expect(beforeTax(690, 0, checkTax([10], true, "m"))).toBe("627.272727272727")
    expect(beforeTax(499, 2, checkTax([8.875], false, "m"))).toBe("4.99")
    expect(beforeTax(499, 2, null)).toBe("4.99")
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 30_000 }), (minor, exponent, rate) => {
        const percent = rate / 1000
        const before = Number(beforeTax(minor, exponent, checkTax([percent], true, "m")))
        const back = before * (1 + percent / 100) * 10 ** exponent
        expect(Math.abs(back - minor)).toBeLessThan(0.001)
      })
    )
  })
})

describe("a shipping coupon's threshold", () => {
  const acmeOnly = sessionState({
    shipping_address: address,
    items: [{ ...line("csitem_1", "acme", 2000), quantity: 3 }],
    shipping_methods: [method("acme", "so_flat", 499)],
    discounts: [
      newDiscountRow({ id: "d1", position: 1, type: "CODE", code: "SAVE10" }),
      newDiscountRow({ id: "d2", position: 2, type: "CODE", code: "SHIPOVER55" }),
    ],
  })
  const shopper = { customer_id: null, customer_group_ids: [], sales_channel_id: "sc_1", region_id: "reg_1", country_code: "us", currency_code: "usd" }
  const verdicts = (threshold: number): SessionCouponVerdicts => ({
    eligibilities: {
      d1: eligible(couponTerms({ id: "cpn_1", code: "SAVE10" })),
      d2: eligible(
        couponTerms({
          id: "cpn_2",
          code: "SHIPOVER55",
          merchant_id: "acme",
          value: 100,
          target_type: "shipping_methods",
          currency_code: "usd",
          rules: [{ attribute: "item_total", operator: "gte", values: [threshold] }],
        })
      ),
    },
    automatic: [],
    rule_facts: { shopper, lines: [], names: {} },
  })
  const registry = createRuleRegistry([])

  it("counts its merchant's items after item discounts, not their subtotal", () => {
    // 3 × 20.00 = 60.00, 54.00 after SAVE10: a threshold of 55 is not met, one of 54 is.
    const missed = priceDraft(acmeOnly, {}, verdicts(55), { registry }).state
    expect(missed.discounts.map((discount) => [discount.code, discount.status])).toEqual([["SAVE10", "APPLIED"], ["SHIPOVER55", "NOT_ELIGIBLE"]])
    const met = priceDraft(acmeOnly, {}, verdicts(54), { registry }).state
    expect(met.discounts.map((discount) => [discount.code, discount.status, discount.amount_total])).toEqual([
      ["SAVE10", "APPLIED", 600],
      ["SHIPOVER55", "APPLIED", 499],
    ])
    expect(met.discounts[1].shipping_allocations).toEqual([{ merchant_id: "acme", amount: 499 }])
  })
})
