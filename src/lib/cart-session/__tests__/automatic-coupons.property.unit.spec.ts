import fc from "fast-check"
import type { CartSessionLineState } from "../../../modules/cart-session"
import type { CouponPricingTerms } from "../../../modules/coupon"
import { createRuleRegistry, type CouponRule } from "../../coupon-rules"
import { priceDraft } from "../price-draft"
import type { SessionRuleFacts } from "../pricing-input"
import { automaticThatMayApply } from "../rule-facts"
import { couponTerms, eligible } from "./coupons"
import { sessionState } from "./session-state"

const registry = createRuleRegistry()
const collections = ["pcol_shirts", "pcol_caps", null] as const
const merchants = ["acme", "globex"] as const

const lineArbitrary = fc.record({
  merchant_id: fc.constantFrom(...merchants),
  collection: fc.constantFrom(...collections),
  unit_price: fc.integer({ min: 100, max: 5000 }),
  quantity: fc.integer({ min: 1, max: 4 }),
})

const collectionRule = (values: string[]): CouponRule => ({ attribute: "items.product.collection_id", operator: "in", values })

const couponArbitrary = fc
  .record({
    merchant_id: fc.constantFrom(null, ...merchants),
    fixed: fc.boolean(),
    currency_code: fc.constantFrom("usd", "eur"),
    value: fc.integer({ min: 1, max: 60 }),
    combinable: fc.boolean(),
    priority: fc.integer({ min: 0, max: 2 }),
    target: fc.option(fc.subarray(["pcol_shirts", "pcol_caps"], { minLength: 1 }), { nil: null }),
    item_total: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    min_subtotal: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    group: fc.option(fc.constantFrom("cusgroup_vip", "cusgroup_staff"), { nil: null }),
    buy: fc.option(fc.record({ collection: fc.constantFrom("pcol_shirts", "pcol_caps"), x: fc.integer({ min: 1, max: 3 }) }), { nil: null }),
  })
  .map((spec): Omit<CouponPricingTerms, "id" | "code"> => {
    const buyGet = spec.buy !== null
    return {
      ...couponTerms(),
      merchant_id: spec.merchant_id,
      value_type: spec.fixed ? "fixed" : "percentage",
      value: spec.fixed ? spec.value / 10 : spec.value,
      currency_code: spec.fixed || spec.min_subtotal !== null || spec.item_total !== null ? spec.currency_code : null,
      min_subtotal: spec.min_subtotal,
      combinable: spec.combinable,
      priority: spec.priority,
      is_automatic: true,
      rules: [
        ...(spec.item_total !== null ? [{ attribute: "item_total", operator: "gte" as const, values: [spec.item_total] }] : []),
        ...(spec.group ? [{ attribute: "customer.groups.id", operator: "in" as const, values: [spec.group] }] : []),
      ],
      target_rules: buyGet ? [collectionRule(spec.target ?? ["pcol_caps"])] : spec.target ? [collectionRule(spec.target)] : null,
      ...(buyGet
        ? {
            type: "buyget" as const,
            buy_rules: [collectionRule([spec.buy!.collection])],
            buy_rules_min_quantity: spec.buy!.x,
            apply_to_quantity: 1,
            max_quantity: 2,
          }
        : {}),
    }
  })

describe("automatic coupons left out before pricing", () => {
  it("never leaves out one that would apply: the session prices the same with all of them as with those kept", () => {
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 5 }),
        fc.array(couponArbitrary, { minLength: 1, maxLength: 6 }),
        fc.subarray(["cusgroup_vip"]),
        (lineSpecs, couponSpecs, groups) => {
          const items: CartSessionLineState[] = lineSpecs.map((spec, index) => ({
            id: `line_${index}`,
            position: index,
            merchant_id: spec.merchant_id,
            variant_id: `variant_${index}`,
            product_id: `prod_${index}`,
            title: `Item ${index}`,
            variant_title: null,
            quantity: spec.quantity,
            unit_price: spec.unit_price,
            is_add_on: false,
            metadata: null,
          }))
          const ruleFacts: SessionRuleFacts = {
            shopper: {
              customer_id: groups.length ? "cus_1" : null,
              customer_group_ids: groups,
              sales_channel_id: "sc_1",
              region_id: "reg_1",
              country_code: null,
              currency_code: "usd",
            },
            lines: lineSpecs.map((spec, index) => ({
              id: `line_${index}`,
              product_id: `prod_${index}`,
              variant_id: `variant_${index}`,
              collection_id: spec.collection,
              category_ids: [],
              type_id: null,
              tag_ids: [],
            })),
            names: {},
          }
          const coupons = couponSpecs.map((spec, index) => eligible({ ...spec, id: `cpn_${index}`, code: `AUTO${index}` }))
          const session = sessionState({ items, discounts: [] })
          const automatic = (list: typeof coupons) => list.map((eligibility) => ({ id: `csdisc_${eligibility.code}`, eligibility }))
          const price = (list: typeof coupons) =>
            priceDraft(session, {}, { eligibilities: {}, automatic: automatic(list), rule_facts: ruleFacts }, { registry }).state.discounts

          const kept = automaticThatMayApply(session, coupons, ruleFacts, registry)
          const all = price(coupons)
          expect(price(kept)).toEqual(all)
          for (const discount of all) {
            expect(kept.map((coupon) => coupon.code)).toContain(discount.code)
          }
        }
      ),
      { numRuns: 400 }
    )
  })
})
