import type { CartSessionDiscountState, CartSessionLineState } from "../../../modules/cart-session"
import { createRuleRegistry, type CouponRule, type LineFacts } from "../../coupon-rules"
import { changedCodes, priceDraft, type SessionCouponVerdicts } from "../price-draft"
import { buildSessionPricingInput, type SessionRuleFacts } from "../pricing-input"
import { automaticThatMayApply, ruleFactsNeeded } from "../rule-facts"
import { newDiscountRow } from "../session-draft"
import { couponTerms, eligible } from "./coupons"
import { sessionState } from "./session-state"

const registry = createRuleRegistry([
  { name: "custom.first_order", kind: "shopper", value_type: "boolean", label: "first order" },
  { name: "custom.engraved", kind: "line", value_type: "boolean", label: "engraved" },
])
const rule = (attribute: string, operator: CouponRule["operator"], ...values: CouponRule["values"]): CouponRule => ({
  attribute,
  operator,
  values,
})

const line = (id: string, product: string, unit_price: number, quantity = 1, merchant_id = "acme"): CartSessionLineState => ({
  id,
  position: Number(id.slice(-1)),
  merchant_id,
  variant_id: `variant_${product}`,
  product_id: `prod_${product}`,
  title: product,
  variant_title: null,
  quantity,
  unit_price,
  is_add_on: false,
  metadata: null,
})
const facts = (id: string, product: string, collection: string | null): LineFacts => ({
  id,
  product_id: `prod_${product}`,
  variant_id: `variant_${product}`,
  collection_id: collection,
  category_ids: [],
  type_id: null,
  tag_ids: [],
})
const shirt = line("line_1", "shirt", 2000, 3)
const cap = line("line_2", "cap", 1500, 2)
const ruleFacts: SessionRuleFacts = {
  shopper: {
    customer_id: null,
    customer_group_ids: [],
    sales_channel_id: "sc_1",
    region_id: "reg_1",
    country_code: null,
    currency_code: "usd",
  },
  lines: [facts("line_1", "shirt", "pcol_shirts"), facts("line_2", "cap", "pcol_caps")],
  names: { pcol_shirts: "Shirts", pcol_caps: "Summer caps", cusgroup_vip: "VIP" },
}
const codeRow = (id: string, code: string, fields: Partial<CartSessionDiscountState> = {}): CartSessionDiscountState =>
  newDiscountRow({ id, position: 1, type: "CODE", code, ...fields })

describe("a coupon's rules in the session's pricing input", () => {
  const lines = [shirt, cap]
  const capsOnly = couponTerms({ code: "CAPS", target_rules: [rule("items.product.collection_id", "in", "pcol_caps")] })

  it("gives the pricing core the lines its target rules match, in words", () => {
    const { input } = buildSessionPricingInput("usd", lines, [{ id: "d1", code: "CAPS", merchant_id: null }], { d1: eligible(capsOnly) }, [], {
      ...ruleFacts,
      registry,
    })
    expect(input.codes![0]).toMatchObject({ target_line_ids: ["line_2"], target_description: "items whose collection is Summer caps" })
  })

  it("decides who may use it on the shopper's facts, with item_total of the coupon's own scope", () => {
    const vip = couponTerms({ code: "VIP", rules: [rule("customer.groups.id", "in", "cusgroup_vip")] })
    const big = couponTerms({ id: "cpn_2", code: "BIG", currency_code: "usd", rules: [rule("item_total", "gte", 90)] })
    const bigger = couponTerms({ id: "cpn_3", code: "BIGGER", currency_code: "usd", rules: [rule("item_total", "gt", 90)] })
    const codes = ["VIP", "BIG", "BIGGER"].map((code, index) => ({ id: `d${index}`, code, merchant_id: null }))
    const { input } = buildSessionPricingInput("usd", lines, codes, { d0: eligible(vip), d1: eligible(big), d2: eligible(bigger) }, [], {
      ...ruleFacts,
      registry,
    })
    expect(input.codes!.map((code) => code.eligibility ?? null)).toEqual([
      { status: "NOT_ELIGIBLE", message: "Code VIP is only for customers whose customer group is VIP: sign in to use it" },
      null,
      { status: "NOT_ELIGIBLE", message: "Code BIGGER is only for carts whose item total is more than 90.00" },
    ])
  })

  it("refuses a coupon whose rule counts an amount in another currency, as its fixed value would be", () => {
    const euros = couponTerms({ code: "EUROS", currency_code: "eur", rules: [rule("item_total", "gte", 10)] })
    const { input } = buildSessionPricingInput("usd", lines, [{ id: "d1", code: "EUROS", merchant_id: null }], { d1: eligible(euros) }, [], {
      ...ruleFacts,
      registry,
    })
    expect(input.codes![0].eligibility).toEqual({
      status: "NOT_APPLICABLE",
      message: "Code EUROS is valid only for EUR carts, and this cart is in USD",
    })
  })

  it("will not price a coupon with rules when the facts were not read (a mistake of the caller, said)", () => {
    expect(() =>
      buildSessionPricingInput("usd", lines, [{ id: "d1", code: "CAPS", merchant_id: null }], { d1: eligible(capsOnly) })
    ).toThrow(/has rules, and the session's rule facts were not read/)
  })
})

describe("what a change reads for rules", () => {
  it("reads nothing when no coupon in play has rules", () => {
    expect(ruleFactsNeeded([couponTerms()], [couponTerms({ id: "cpn_2", is_automatic: true })], registry)).toBeNull()
  })

  it("reads only what the rules use: groups, products, the store's own attributes; names for the codes only", () => {
    const code = couponTerms({
      rules: [rule("customer.groups.id", "in", "cusgroup_vip"), rule("custom.first_order", "eq", true)],
      target_rules: [rule("items.product.id", "in", "prod_shirt")],
    })
    const automatic = couponTerms({
      id: "cpn_2",
      is_automatic: true,
      target_rules: [rule("items.product.collection_id", "in", "pcol_caps"), rule("custom.engraved", "eq", true)],
    })
    expect(ruleFactsNeeded([code], [automatic], registry)).toEqual({
      customer_groups: true,
      products: { columns: true, categories: false, tags: false },
      custom_shopper: ["custom.first_order"],
      custom_line: ["custom.engraved"],
      names: { customer_group: ["cusgroup_vip"], product: ["prod_shirt"] },
    })
  })

  it("needs no product read for rules on the line's own product and variant ids, and the relations only when used", () => {
    const code = couponTerms({ target_rules: [rule("items.product.id", "in", "prod_shirt"), rule("items.variant_id", "ne", "v")] })
    expect(ruleFactsNeeded([code], [], registry)).toMatchObject({
      products: { columns: false, categories: false, tags: false },
      customer_groups: false,
    })
    const tagged = couponTerms({ target_rules: [rule("items.product.tags.id", "in", "ptag_sale")] })
    expect(ruleFactsNeeded([], [tagged], registry)?.products).toEqual({ columns: false, categories: false, tags: true })
  })
})

describe("automatic coupons that may apply, decided before they travel between steps", () => {
  const session = sessionState({ items: [shirt, cap], discounts: [] })
  const auto = (code: string, fields: Partial<Parameters<typeof couponTerms>[0]> = {}) =>
    eligible(couponTerms({ id: `cpn_${code}`, code, is_automatic: true, ...fields }))

  it("keeps those the pricing core must decide, and leaves out the ones sure not to apply", () => {
    const coupons = [
      auto("PLAIN"),
      auto("ACME", { merchant_id: "acme" }),
      auto("GLOBEX", { merchant_id: "globex" }),
      auto("EUROS", { value_type: "fixed", value: 5, currency_code: "eur" }),
      auto("CAPS", { target_rules: [rule("items.product.collection_id", "in", "pcol_caps")] }),
      auto("HATS", { target_rules: [rule("items.product.collection_id", "in", "pcol_hats")] }),
      auto("VIP", { rules: [rule("customer.groups.id", "in", "cusgroup_vip")] }),
      auto("BIG", { currency_code: "usd", rules: [rule("item_total", "gte", 90)] }),
      auto("HUGE", { currency_code: "usd", rules: [rule("item_total", "gt", 90)] }),
      auto("B1G1", {
        type: "buyget",
        buy_rules: [rule("items.product.collection_id", "in", "pcol_hats")],
        target_rules: [rule("items.product.collection_id", "in", "pcol_caps")],
        buy_rules_min_quantity: 1,
        apply_to_quantity: 1,
        max_quantity: 1,
      }),
      auto("BIGMIN", { currency_code: "usd", min_subtotal: 1000 }),
    ]
    expect(automaticThatMayApply(session, coupons, ruleFacts, registry).map((coupon) => coupon.code)).toEqual([
      "PLAIN",
      "ACME",
      "CAPS",
      "BIG",
      "BIGMIN",
    ])
  })
})

describe("automatic coupons in a priced draft, many at once", () => {
  it("leaves a session as it is with a thousand automatic coupons that cannot apply", () => {
    const many = Array.from({ length: 1000 }, (_, index) => ({
      id: `csdisc_${index}`,
      eligibility: eligible(couponTerms({ id: `cpn_${index}`, code: `AUTO${index}`, is_automatic: true, merchant_id: `merchant_${index}` })),
    }))
    const draft = sessionState({ items: [shirt, cap], discounts: [] })
    const { state, priced } = priceDraft(draft, {}, { eligibilities: {}, automatic: many, rule_facts: null }, { registry })
    expect(state.discounts).toEqual([])
    expect(priced.discount_total).toBe(0)
  })
})

describe("automatic coupons in a priced draft", () => {
  const catalogue = {}
  const automatic = (id: string, coupon = couponTerms({ id: "cpn_auto", code: "AUTO10", is_automatic: true })) => ({
    id,
    eligibility: eligible(coupon),
  })
  const verdicts = (extra: Partial<SessionCouponVerdicts> = {}): SessionCouponVerdicts => ({
    eligibilities: {},
    automatic: [],
    rule_facts: ruleFacts,
    ...extra,
  })

  it("adds an automatic coupon that applies as an AUTOMATIC row, after the session's own discounts", () => {
    const draft = sessionState({ items: [shirt, cap], discounts: [] })
    const { state } = priceDraft(draft, catalogue, verdicts({ automatic: [automatic("csdisc_auto")] }), { registry })
    expect(state.discounts).toEqual([
      expect.objectContaining({
        id: "csdisc_auto",
        type: "AUTOMATIC",
        code: "AUTO10",
        coupon_id: "cpn_auto",
        status: "APPLIED",
        amount_total: 900,
        value_type: "percentage",
        value: 10,
      }),
    ])
  })

  it("keeps the row of an automatic coupon that still applies, and drops one that no longer does", () => {
    const held = { ...codeRow("csdisc_auto", "AUTO10", { type: "AUTOMATIC", coupon_id: "cpn_auto", position: 4 }) }
    const draft = sessionState({ items: [shirt, cap], discounts: [held] })
    const kept = priceDraft(draft, catalogue, verdicts({ automatic: [automatic("csdisc_auto")] }), { registry }).state
    expect(kept.discounts.map((discount) => [discount.id, discount.position, discount.status])).toEqual([["csdisc_auto", 4, "APPLIED"]])

    const capsAuto = couponTerms({
      id: "cpn_auto",
      code: "AUTO10",
      is_automatic: true,
      target_rules: [rule("items.product.collection_id", "in", "pcol_hats")],
    })
    const gone = priceDraft(draft, catalogue, verdicts({ automatic: [automatic("csdisc_auto", capsAuto)] }), { registry }).state
    expect(gone.discounts).toEqual([])
  })

  it("leaves out an automatic coupon a better non-combinable code keeps out", () => {
    const solo = couponTerms({ id: "cpn_solo", code: "SOLO20", value: 20, combinable: false })
    const draft = sessionState({ items: [shirt, cap], discounts: [codeRow("csdisc_code", "SOLO20")] })
    const { state } = priceDraft(
      draft,
      catalogue,
      verdicts({ eligibilities: { csdisc_code: eligible(solo) }, automatic: [automatic("csdisc_auto")] }),
      { registry }
    )
    expect(state.discounts.map((discount) => [discount.code, discount.status, discount.amount_total])).toEqual([["SOLO20", "APPLIED", 1800]])
  })

  it("says what changed for convert: a code's new status, an automatic discount come or gone", () => {
    const before = sessionState({
      items: [shirt],
      discounts: [
        codeRow("d1", "SAVE10", { status: "APPLIED" }),
        codeRow("d2", "GONE5", { type: "AUTOMATIC", coupon_id: "cpn_gone", status: "APPLIED" }),
      ],
    })
    const after = sessionState({
      items: [shirt],
      discounts: [
        codeRow("d1", "SAVE10", { status: "EXPIRED" }),
        codeRow("d3", "NEW5", { type: "AUTOMATIC", coupon_id: "cpn_new", status: "APPLIED" }),
      ],
    })
    expect(changedCodes(before, after)).toEqual([
      { code: "SAVE10", change: "is now EXPIRED" },
      { code: "NEW5", change: "now applies automatically" },
      { code: "GONE5", change: "no longer applies" },
    ])
    expect(changedCodes(before, before)).toEqual([])
  })
})
