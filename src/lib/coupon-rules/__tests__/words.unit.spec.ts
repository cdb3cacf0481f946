import { couponRuleTerms, createRuleRegistry, describeCouponRules, describeLineRules, ruleClause, type CouponRule } from ".."
import { guest, rule, shopper } from "./facts"

const registry = createRuleRegistry([
  {
    name: "custom.first_order",
    kind: "shopper",
    value_type: "boolean",
    label: "first order",
    needs_customer: true,
    when_true: "placing their first order",
  },
])
const names = { cusgroup_wholesale: "Wholesale", cusgroup_vip: "VIP", cusgroup_staff: "Staff", pcol_caps: "Summer caps" }
const clause = (candidate: CouponRule, currency_code?: string) => ruleClause(candidate, registry, { names, currency_code })

describe("rules in words", () => {
  it.each([
    [rule("customer.groups.id", "in", "cusgroup_wholesale"), "whose customer group is Wholesale"],
    [rule("customer.groups.id", "in", "cusgroup_vip", "cusgroup_wholesale"), "whose customer group is VIP or Wholesale"],
    [rule("customer.groups.id", "in", "cusgroup_vip", "cusgroup_staff", "cusgroup_wholesale"), "whose customer group is VIP, Staff or Wholesale"],
    [rule("customer.groups.id", "not_in", "cusgroup_vip"), "whose customer group is not VIP"],
    [rule("customer.groups.id", "not_in", "cusgroup_vip", "cusgroup_staff"), "whose customer group is neither VIP nor Staff"],
    [rule("customer.groups.id", "not_in", "cusgroup_vip", "cusgroup_staff", "cusgroup_x"), "whose customer group is none of VIP, Staff and cusgroup_x"],
    [rule("region.id", "eq", "reg_eu"), "whose region is reg_eu"],
    [rule("region.id", "ne", "reg_eu"), "whose region is not reg_eu"],
    [rule("shipping_address.country_code", "in", "de", "at"), "whose shipping country is DE or AT"],
    [rule("item_total", "gt", 50), "whose item total is more than 50"],
    [rule("item_total", "lt", 50), "whose item total is less than 50"],
    [rule("item_total", "lte", 50), "whose item total is at most 50"],
    [rule("custom.first_order", "eq", true), "placing their first order"],
    [rule("custom.first_order", "ne", true), "whose first order is no"],
    [rule("custom.unknown", "eq", "x"), "whose custom.unknown is x"],
  ])("reads %j as %j", (candidate, words) => {
    expect(clause(candidate)).toBe(words)
  })

  it("prints an amount with the coupon's currency's decimals", () => {
    expect(clause(rule("item_total", "gte", 50), "usd")).toBe("whose item total is at least 50.00")
    expect(clause(rule("item_total", "gte", 5000), "jpy")).toBe("whose item total is at least 5000")
    expect(clause(rule("item_total", "gte", 1.5), "kwd")).toBe("whose item total is at least 1.500")
  })

  it("describes the lines line rules match", () => {
    const rules = [rule("items.product.collection_id", "eq", "pcol_caps"), rule("items.product.tags.id", "not_in", "ptag_sale")]
    expect(describeLineRules(rules, registry, { names })).toBe("items whose collection is Summer caps and whose tag is not ptag_sale")
    expect(describeLineRules([], registry)).toBe("items")
  })
})

describe("NOT_ELIGIBLE messages", () => {
  const lines = [] as const
  const verdict = (rules: CouponRule[], facts = shopper()) =>
    couponRuleTerms("X", { rules }, { registry, shopper: facts, lines, names, currency_code: "usd" }).eligibility

  it("names the failing rule in words, with the display names the caller gave", () => {
    expect(verdict([rule("customer.groups.id", "in", "cusgroup_wholesale")])).toEqual({
      status: "NOT_ELIGIBLE",
      message: "Code X is only for customers whose customer group is Wholesale",
    })
    expect(verdict([rule("item_total", "gte", 150)])!.message).toBe("Code X is only for carts whose item total is at least 150.00")
    expect(verdict([rule("sales_channel_id", "eq", "sc_app")])!.message).toBe("Code X is only for shoppers whose sales channel is sc_app")
  })

  it("asks an anonymous shopper to sign in", () => {
    expect(verdict([rule("customer.groups.id", "in", "cusgroup_wholesale")], guest())!.message).toBe(
      "Code X is only for customers whose customer group is Wholesale: sign in to use it"
    )
  })

  it("says when the session does not have the fact yet", () => {
    expect(verdict([rule("shipping_address.country_code", "eq", "us")], shopper({ country_code: null }))!.message).toBe(
      "Code X is only for shoppers whose shipping country is US (the cart has no shipping country yet)"
    )
  })

  it("says a rule is on an attribute the store no longer knows", () => {
    expect(verdict([rule("custom.gone", "eq", true)])!.message).toBe("Code X has a rule on custom.gone, which this store no longer knows")
  })

  it("gives no verdict when every rule holds", () => {
    expect(verdict([rule("customer.groups.id", "in", "cusgroup_vip")], shopper({ customer_group_ids: ["cusgroup_vip"] }))).toBeUndefined()
  })
})

describe("describeCouponRules", () => {
  it("says nothing of a coupon without §7 fields", () => {
    expect(describeCouponRules({}, registry)).toEqual([])
  })

  it("describes who, what and how many", () => {
    const options = { names: { ...names, ptyp_shirt: "Shirt" }, currency_code: "usd" }
    expect(
      describeCouponRules(
        {
          rules: [rule("customer.groups.id", "in", "cusgroup_vip"), rule("item_total", "gte", 50)],
          type: "buyget",
          buy_rules: [rule("items.product.type_id", "eq", "ptyp_shirt")],
          target_rules: [rule("items.product.collection_id", "eq", "pcol_caps")],
          buy_rules_min_quantity: 2,
          apply_to_quantity: 1,
          max_quantity: 3,
          is_automatic: true,
        },
        registry,
        options
      )
    ).toEqual([
      "Only for customers whose customer group is VIP.",
      "Only for carts whose item total is at least 50.00.",
      "For every 2 of the items whose product type is Shirt bought, discounts 1 of the items whose collection is Summer caps, " +
        "at most 3 in all; the cheapest first, and never an item counted as bought.",
      "Applies without a code to every cart that meets its rules.",
    ])
    expect(
      describeCouponRules({ target_rules: [rule("items.product.collection_id", "eq", "pcol_caps")], allocation: "once", max_quantity: 2 }, registry, options)
    ).toEqual(["Discounts items whose collection is Summer caps.", "On at most 2 items in all, the cheapest first."])
    expect(describeCouponRules({ allocation: "each", max_quantity: 2 }, registry)).toEqual(["On at most 2 of each item."])
    expect(describeCouponRules({ target_type: "shipping_methods" }, registry)).toEqual(["Discounts shipping."])
  })
})
