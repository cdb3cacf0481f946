import { couponRulesProblems, createRuleRegistry, type CouponRulesInput } from ".."
import { rule } from "./facts"

const registry = createRuleRegistry([
  { name: "custom.first_order", kind: "shopper", value_type: "boolean", label: "first order" },
])
const problems = (input: CouponRulesInput) => couponRulesProblems(input, registry)
const fields = (input: CouponRulesInput) => problems(input).map((problem) => problem.field)
const buyGet = (extra: Partial<CouponRulesInput> = {}): CouponRulesInput => ({
  type: "buyget",
  buy_rules: [rule("items.product.type_id", "eq", "ptyp_shirt")],
  target_rules: [rule("items.product.collection_id", "eq", "pcol_caps")],
  buy_rules_min_quantity: 2,
  apply_to_quantity: 1,
  max_quantity: 1,
  ...extra,
})

describe("couponRulesProblems", () => {
  it("finds nothing wrong with a coupon without §7 fields, or with coherent ones", () => {
    expect(problems({})).toEqual([])
    expect(
      problems({
        rules: [
          rule("customer.groups.id", "in", "cusgroup_vip", "cusgroup_wholesale"),
          rule("item_total", "gte", 50),
          rule("shipping_address.country_code", "not_in", "us", "CA"),
          rule("currency_code", "eq", "eur"),
          rule("custom.first_order", "eq", true),
        ],
        target_rules: [rule("items.product.tags.id", "in", "ptag_sale")],
        allocation: "each",
        max_quantity: 2,
        is_automatic: true,
        currency_code: "eur",
      })
    ).toEqual([])
    expect(problems(buyGet())).toEqual([])
  })

  it("names an unknown attribute and the attributes it knows", () => {
    const [problem] = problems({ target_rules: [rule("items.product.colour", "eq", "red")] })
    expect(problem.field).toBe("target_rules.0.attribute")
    expect(problem.message).toContain(`Field 'target_rules.0.attribute' names no rule attribute this store knows, got "items.product.colour"`)
    expect(problem.message).toContain("items.product.collection_id")
  })

  it("refuses a shopper attribute among line rules and a line attribute among shopper rules", () => {
    expect(fields({ target_rules: [rule("customer.id", "eq", "cus_1")] })).toEqual(["target_rules.0.attribute"])
    expect(fields({ buy_rules: [rule("region.id", "eq", "reg_1")], ...buyGet({ buy_rules: [rule("region.id", "eq", "reg_1")] }) })).toEqual([
      "buy_rules.0.attribute",
    ])
    expect(problems({ rules: [rule("items.product.id", "eq", "prod_1")] })[0].message).toBe(
      "Field 'rules.0.attribute' items.product.id is a line attribute; 'rules' take shopper attributes"
    )
  })

  it("refuses an unknown operator, and one the attribute does not take", () => {
    expect(problems({ rules: [rule("region.id", "like" as "eq", "reg_1")] })).toEqual([
      { field: "rules.0.operator", message: `Field 'rules.0.operator' must be one of in, not_in, eq, ne, gt, gte, lt, lte, got "like"` },
    ])
    expect(problems({ rules: [rule("customer.groups.id", "eq", "cusgroup_vip")] })).toEqual([
      { field: "rules.0.operator", message: "Field 'rules.0.operator' eq does not apply to customer.groups.id (it takes in, not_in)" },
    ])
    expect(fields({ rules: [rule("region.id", "gt", "reg_1")], target_rules: [rule("items.product.id", "lt", "p")] })).toEqual([
      "rules.0.operator",
      "target_rules.0.operator",
    ])
  })

  it("counts values: at least one for in and not_in, exactly one for every other operator", () => {
    expect(fields({ rules: [rule("region.id", "in")] })).toEqual(["rules.0.values"])
    expect(problems({ rules: [rule("region.id", "eq", "a", "b")] })[0].message).toBe(
      "Field 'rules.0.values' must hold exactly one value for eq, got 2"
    )
    expect(fields({ rules: [{ attribute: "region.id", operator: "in", values: "reg_1" as unknown as string[] }] })).toEqual([
      "rules.0.values",
    ])
  })

  it("checks each value's type, naming its position", () => {
    expect(fields({ rules: [rule("item_total", "gt", "50")], currency_code: "usd" })).toEqual(["rules.0.values.0"])
    expect(fields({ rules: [rule("item_total", "gt", Number.NaN)], currency_code: "usd" })).toEqual(["rules.0.values.0"])
    expect(fields({ rules: [rule("custom.first_order", "eq", "yes")] })).toEqual(["rules.0.values.0"])
    expect(fields({ target_rules: [rule("items.product.id", "in", "prod_1", 7, "")] })).toEqual([
      "target_rules.0.values.1",
      "target_rules.0.values.2",
    ])
    expect(problems({ rules: [rule("shipping_address.country_code", "in", "de", "Germany")] })).toEqual([
      { field: "rules.0.values.1", message: `Field 'rules.0.values.1' must be a two-letter ISO 3166-1 country code, got "Germany"` },
    ])
    expect(fields({ rules: [rule("currency_code", "eq", "ABC")] })).toEqual(["rules.0.values.0"])
  })

  it("refuses rules that are not a list of rules", () => {
    expect(fields({ rules: "customer.id" as unknown as [] })).toEqual(["rules"])
    expect(fields({ target_rules: [null as never, 3 as never] })).toEqual(["target_rules.0", "target_rules.1"])
  })

  it("needs the coupon's currency for an amount in a rule", () => {
    expect(problems({ rules: [rule("item_total", "gte", 50)] })).toEqual([
      { field: "currency_code", message: "Field 'currency_code' is required by the rule on 'item_total' (its amount is in the coupon's currency)" },
    ])
  })

  it("refuses unknown type, target_type, allocation and a non-boolean is_automatic", () => {
    expect(fields({ type: "bundle" as "buyget", target_type: "order" as "items", allocation: "all" as "each", is_automatic: "yes" as never })).toEqual([
      "type",
      "target_type",
      "allocation",
      "is_automatic",
    ])
  })

  it("needs max_quantity for each and once, and refuses it for across", () => {
    expect(problems({ allocation: "each" })).toEqual([
      { field: "max_quantity", message: "Field 'max_quantity' is required when 'allocation' is 'each'" },
    ])
    expect(fields({ allocation: "once" })).toEqual(["max_quantity"])
    expect(fields({ allocation: "across", max_quantity: 2 })).toEqual(["max_quantity"])
    expect(fields({ max_quantity: 2 })).toEqual(["max_quantity"])
    expect(fields({ allocation: "each", max_quantity: 0 })).toEqual(["max_quantity"])
    expect(fields({ allocation: "each", max_quantity: 1.5 })).toEqual(["max_quantity"])
  })

  it("needs buy rules, target rules and every quantity of a buy X get Y coupon", () => {
    expect(fields({ type: "buyget" })).toEqual(["buy_rules", "target_rules", "buy_rules_min_quantity", "apply_to_quantity", "max_quantity"])
    expect(problems({ type: "buyget" })[0].message).toBe("Field 'buy_rules' must list at least one rule for a buy X get Y coupon")
    expect(fields(buyGet({ buy_rules_min_quantity: 0, apply_to_quantity: -1 }))).toEqual(["buy_rules_min_quantity", "apply_to_quantity"])
    expect(problems(buyGet({ apply_to_quantity: 2, max_quantity: 1 }))).toEqual([
      { field: "max_quantity", message: "Field 'max_quantity' must be at least 'apply_to_quantity' (2), got 1" },
    ])
  })

  it("refuses an allocation or shipping target on a buy X get Y coupon", () => {
    expect(fields(buyGet({ allocation: "each" }))).toEqual(["allocation"])
    expect(fields(buyGet({ target_type: "shipping_methods" }))).toContain("target_type")
  })

  it("refuses buy X get Y fields on a coupon of another type", () => {
    expect(fields({ buy_rules: [rule("items.product.id", "eq", "prod_1")], buy_rules_min_quantity: 1, apply_to_quantity: 1 })).toEqual([
      "buy_rules",
      "buy_rules_min_quantity",
      "apply_to_quantity",
    ])
  })

  it("refuses target rules and counted allocations on a shipping coupon", () => {
    expect(
      fields({ target_type: "shipping_methods", target_rules: [rule("items.product.id", "eq", "prod_1")], allocation: "each", max_quantity: 1 })
    ).toEqual(["target_rules", "allocation"])
  })
})
