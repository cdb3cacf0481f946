import { priceSession, type PricedDiscount, type PricingCodeInput, type PricingLineInput } from "../../pricing"
import { couponRuleTerms, createRuleRegistry, scopeItemTotal, type CouponRulesInput, type LineFacts, type ShopperFacts } from ".."
import { guest, lineFacts, rule, shopper } from "./facts"

// The worked examples of issue #19, from resolved facts through the rules to the pricing core, to the minor unit.

const registry = createRuleRegistry()
const names = { ptyp_shirt: "Shirt", ptyp_cap: "Cap", pcol_summer: "Summer caps", cusgroup_vip: "VIP" }

type Line = PricingLineInput & { facts: LineFacts }
type Coupon = CouponRulesInput & Pick<PricingCodeInput, "code" | "value_type" | "value"> & { merchant_id?: string | null }

const shirt = (id: string, quantity: number, merchant_id = "m1"): Line => ({
  id,
  merchant_id,
  unit_price: 2000,
  quantity,
  facts: lineFacts(id, { type_id: "ptyp_shirt" }),
})
const cap = (id: string, quantity: number, merchant_id = "m1", collection_id: string | null = null): Line => ({
  id,
  merchant_id,
  unit_price: 1500,
  quantity,
  facts: lineFacts(id, { type_id: "ptyp_cap", collection_id }),
})

function price(lines: Line[], coupon: Coupon, facts: ShopperFacts = shopper()): PricedDiscount {
  const pricingLines = lines.map(({ facts: _facts, ...line }) => line)
  const merchant_id = coupon.merchant_id ?? null
  const scoped = { ...facts, item_total: scopeItemTotal(pricingLines, merchant_id, "usd") }
  const context = { registry, shopper: scoped, lines: lines.map((line) => line.facts), names, currency_code: "usd" }
  const terms = couponRuleTerms(coupon.code, coupon, context)
  const { code, value_type, value } = coupon
  const input = { id: "d", code, merchant_id, value_type, value, combinable: true, ...terms }
  return priceSession({ currency_code: "usd", lines: pricingLines, codes: [input] }).discounts[0]
}

describe("worked examples of coupon rules", () => {
  const capFree = (max_quantity: number): Coupon => ({
    code: "SHIRTCAP",
    value_type: "percentage",
    value: 100,
    type: "buyget",
    buy_rules: [rule("items.product.type_id", "eq", "ptyp_shirt")],
    target_rules: [rule("items.product.type_id", "eq", "ptyp_cap")],
    buy_rules_min_quantity: 2,
    apply_to_quantity: 1,
    max_quantity,
  })

  it("buy 2 shirts (20.00) get 1 cap (15.00) free: 3 shirts and 2 caps save 15.00", () => {
    expect(price([shirt("s", 3), cap("c", 2)], capFree(1))).toMatchObject({
      status: "APPLIED",
      amount_total: 1500,
      allocations: [{ line_id: "c", amount: 1500 }],
    })
  })

  it("buy 2 shirts get 1 cap free: 1 shirt and 2 caps save nothing, NOT_APPLICABLE with why", () => {
    expect(price([shirt("s", 1), cap("c", 2)], capFree(1))).toMatchObject({
      status: "NOT_APPLICABLE",
      amount_total: 0,
      message:
        "Code SHIRTCAP does not apply: buy 2 of the items whose product type is Shirt to get 1 of the items whose product type is Cap, " +
        "and the cart has too few (an item counted as bought is never discounted)",
    })
  })

  it("buy 2 shirts get 1 cap free with max_quantity 2: 4 shirts and 2 caps save 30.00", () => {
    expect(price([shirt("s", 4), cap("c", 2)], capFree(2)).amount_total).toBe(3000)
  })

  it("buy 2 of {A 30.00, B 20.00, C 10.00}, get 1 A free, one unit of each: 30.00", () => {
    const lines = [3000, 2000, 1000].map((unit_price, index): Line => {
      const id = "ABC"[index]
      return { id, merchant_id: "m1", unit_price, quantity: 1, facts: lineFacts(id, { product_id: `prod_${id}` }) }
    })
    const coupon: Coupon = {
      code: "ABC",
      value_type: "percentage",
      value: 100,
      type: "buyget",
      buy_rules: [rule("items.product.id", "in", "prod_A", "prod_B", "prod_C")],
      target_rules: [rule("items.product.id", "eq", "prod_A")],
      buy_rules_min_quantity: 2,
      apply_to_quantity: 1,
      max_quantity: 1,
    }
    expect(price(lines, coupon)).toMatchObject({ amount_total: 3000, allocations: [{ line_id: "A", amount: 3000 }] })
  })

  it("10% on shirts, each, max_quantity 2, two shirt lines of 3 × 20.00: 8.00; once: 4.00", () => {
    const lines = [shirt("s1", 3), shirt("s2", 3), cap("c", 1)]
    const onShirts = (allocation: "each" | "once"): Coupon => ({
      code: allocation.toUpperCase(),
      value_type: "percentage",
      value: 10,
      target_rules: [rule("items.product.type_id", "eq", "ptyp_shirt")],
      allocation,
      max_quantity: 2,
    })
    expect(price(lines, onShirts("each"))).toMatchObject({
      amount_total: 800,
      allocations: [
        { line_id: "s1", amount: 400 },
        { line_id: "s2", amount: 400 },
      ],
    })
    expect(price(lines, onShirts("once"))).toMatchObject({ amount_total: 400, allocations: [{ line_id: "s1", amount: 400 }] })
  })

  it("a customer-group coupon: a guest is NOT_ELIGIBLE; a customer in groups [vip, wholesale] gets it", () => {
    const coupon: Coupon = { code: "VIP10", value_type: "percentage", value: 10, rules: [rule("customer.groups.id", "in", "cusgroup_vip")] }
    const lines = [shirt("s", 1)]
    expect(price(lines, coupon, guest())).toMatchObject({
      status: "NOT_ELIGIBLE",
      amount_total: 0,
      message: "Code VIP10 is only for customers whose customer group is VIP: sign in to use it",
    })
    const member = shopper({ customer_group_ids: ["cusgroup_vip", "cusgroup_wholesale"] })
    expect(price(lines, coupon, member)).toMatchObject({ status: "APPLIED", amount_total: 200 })
    const other = shopper({ customer_group_ids: ["cusgroup_wholesale"] })
    expect(price(lines, coupon, other)).toMatchObject({ status: "NOT_ELIGIBLE", message: "Code VIP10 is only for customers whose customer group is VIP" })
  })

  it("a collection target with a merchant scope: only that merchant's lines of the collection share it", () => {
    const lines = [cap("m1cap", 1, "m1", "pcol_summer"), shirt("m1shirt", 1, "m1"), cap("m2cap", 2, "m2", "pcol_summer"), cap("m1old", 1, "m1")]
    const coupon: Coupon = {
      code: "SUMMER",
      merchant_id: "m1",
      value_type: "fixed",
      value: 1000,
      target_rules: [rule("items.product.collection_id", "eq", "pcol_summer")],
    }
    expect(price(lines, coupon)).toMatchObject({ status: "APPLIED", amount_total: 1000, allocations: [{ line_id: "m1cap", amount: 1000 }] })
    expect(price(lines.filter((line) => line.merchant_id === "m2" || line.id === "m1shirt"), coupon)).toMatchObject({
      status: "NOT_APPLICABLE",
      message: "Code SUMMER does not apply: the cart has no items whose collection is Summer caps from merchant m1",
    })
  })

  it("an item_total rule counts the coupon's scope: its merchant's bag", () => {
    const coupon: Coupon = { code: "BIGBAG", merchant_id: "m2", value_type: "percentage", value: 10, rules: [rule("item_total", "gte", 30)] }
    const lines = [shirt("m1shirt", 5, "m1"), cap("m2cap", 2, "m2")]
    expect(price(lines, coupon)).toMatchObject({ status: "APPLIED", amount_total: 300 })
    expect(price([shirt("m1shirt", 5, "m1"), cap("m2cap", 1, "m2")], coupon)).toMatchObject({
      status: "NOT_ELIGIBLE",
      message: "Code BIGBAG is only for carts whose item total is at least 30.00",
    })
  })
})
