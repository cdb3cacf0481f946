import { createRuleRegistry, lineMatches, matchingLineIds, ruleHolds, shopperRuleFailure, type CouponRule } from ".."
import { guest, lineFacts, rule, shopper } from "./facts"

const registry = createRuleRegistry([
  { name: "custom.first_order", kind: "shopper", value_type: "boolean", label: "first order", needs_customer: true },
  { name: "custom.weight", kind: "line", value_type: "number", label: "weight" },
])
const holds = (candidate: CouponRule, fact: Parameters<typeof ruleHolds>[2]) =>
  ruleHolds(registry.get(candidate.attribute)!, candidate, fact)

describe("ruleHolds", () => {
  it.each([
    ["in", ["reg_eu", "reg_us"], "reg_eu", true],
    ["in", ["reg_us"], "reg_eu", false],
    ["not_in", ["reg_us", "reg_uk"], "reg_eu", true],
    ["not_in", ["reg_eu"], "reg_eu", false],
    ["eq", ["reg_eu"], "reg_eu", true],
    ["eq", ["reg_us"], "reg_eu", false],
    ["ne", ["reg_us"], "reg_eu", true],
    ["ne", ["reg_eu"], "reg_eu", false],
  ] as const)("%s %j on a single value %s is %s", (operator, values, fact, expected) => {
    expect(holds(rule("region.id", operator, ...values), fact)).toBe(expected)
  })

  it.each([
    ["gt", 50, [50.01, true], [50, false]],
    ["gte", 50, [50, true], [49.99, false]],
    ["lt", 50, [49.99, true], [50, false]],
    ["lte", 50, [50, true], [50.01, false]],
    ["eq", 50, [50, true], [50.5, false]],
    ["ne", 50, [50.5, true], [50, false]],
  ] as const)("%s %s compares numbers", (operator, value, [passing, yes], [failing, no]) => {
    expect(holds(rule("item_total", operator, value), passing)).toBe(yes)
    expect(holds(rule("item_total", operator, value), failing)).toBe(no)
  })

  it("holds in for a list when any of its values is listed, and not_in when none is", () => {
    const vip = rule("customer.groups.id", "in", "vip")
    expect(holds(vip, ["vip", "wholesale"])).toBe(true)
    expect(holds(vip, ["wholesale"])).toBe(false)
    expect(holds(vip, [])).toBe(false)
    const notVip = rule("customer.groups.id", "not_in", "vip", "staff")
    expect(holds(notVip, ["wholesale"])).toBe(true)
    expect(holds(notVip, ["wholesale", "staff"])).toBe(false)
    expect(holds(notVip, [])).toBe(true)
  })

  it("reads a fact the session does not have as none: only ne and not_in hold", () => {
    for (const fact of [null, undefined]) {
      expect(holds(rule("items.product.collection_id", "eq", "pcol_1"), fact)).toBe(false)
      expect(holds(rule("items.product.collection_id", "in", "pcol_1"), fact)).toBe(false)
      expect(holds(rule("items.product.collection_id", "ne", "pcol_1"), fact)).toBe(true)
      expect(holds(rule("items.product.collection_id", "not_in", "pcol_1"), fact)).toBe(true)
      expect(holds(rule("item_total", "lt", 10), fact)).toBe(false)
    }
  })

  it("compares country and currency codes without regard to case", () => {
    expect(holds(rule("shipping_address.country_code", "in", "DE", "FR"), "de")).toBe(true)
    expect(holds(rule("currency_code", "ne", "EUR"), "eur")).toBe(false)
    expect(holds(rule("region.id", "eq", "REG_EU"), "reg_eu")).toBe(false)
  })

  it("compares booleans", () => {
    expect(holds(rule("custom.first_order", "eq", true), true)).toBe(true)
    expect(holds(rule("custom.first_order", "ne", true), false)).toBe(true)
    expect(holds(rule("custom.first_order", "eq", false), true)).toBe(false)
  })

  it("throws on a fact of the wrong type, naming the attribute: a resolver's mistake, not a failing rule", () => {
    expect(() => holds(rule("item_total", "gt", 5), "10")).toThrow(`The fact of rule attribute item_total must be a number, got "10"`)
    expect(() => holds(rule("customer.groups.id", "in", "vip"), "vip")).toThrow("must be a list of ids")
    expect(() => holds(rule("region.id", "eq", "reg"), 3)).toThrow("must be a string")
  })
})

describe("shopperRuleFailure", () => {
  const wholesale = rule("customer.groups.id", "in", "cusgroup_wholesale")

  it("passes when every rule holds, and with no rules", () => {
    const facts = shopper({ customer_group_ids: ["cusgroup_wholesale"], item_total: 80 })
    expect(shopperRuleFailure([wholesale, rule("item_total", "gte", 50), rule("region.id", "eq", "reg_eu")], facts, registry)).toBeNull()
    expect(shopperRuleFailure([], guest(), registry)).toBeNull()
  })

  it("names the first rule that fails", () => {
    const facts = shopper({ customer_group_ids: ["cusgroup_wholesale"], item_total: 20 })
    const rules = [wholesale, rule("item_total", "gte", 50), rule("region.id", "eq", "reg_us")]
    expect(shopperRuleFailure(rules, facts, registry)).toMatchObject({ index: 1, rule: rules[1], reason: "rule" })
  })

  it("fails an anonymous shopper on every customer rule, even one a customer without groups would pass", () => {
    for (const customerRule of [wholesale, rule("customer.groups.id", "not_in", "cusgroup_banned"), rule("customer.id", "ne", "cus_9")]) {
      expect(shopperRuleFailure([customerRule], guest(), registry)).toMatchObject({ index: 0, reason: "anonymous" })
    }
    expect(shopperRuleFailure([rule("custom.first_order", "eq", true)], guest(), registry)).toMatchObject({ reason: "anonymous" })
    expect(shopperRuleFailure([rule("customer.groups.id", "not_in", "cusgroup_banned")], shopper(), registry)).toBeNull()
  })

  it("says a fact is missing when the session does not have it yet", () => {
    const rules = [rule("shipping_address.country_code", "eq", "de")]
    expect(shopperRuleFailure(rules, shopper({ country_code: null }), registry)).toMatchObject({ reason: "missing" })
  })

  it("fails a rule on an attribute the store no longer knows, or a line attribute, instead of ignoring it", () => {
    expect(shopperRuleFailure([rule("custom.gone", "eq", true)], shopper(), registry)).toMatchObject({ reason: "unknown", attribute: undefined })
    expect(shopperRuleFailure([rule("items.product.id", "eq", "p")], shopper(), registry)).toMatchObject({ reason: "unknown" })
  })

  it("evaluates a store's own attribute from the custom facts", () => {
    const rules = [rule("custom.first_order", "eq", true)]
    expect(shopperRuleFailure(rules, shopper({ custom: { "custom.first_order": true } }), registry)).toBeNull()
    expect(shopperRuleFailure(rules, shopper({ custom: { "custom.first_order": false } }), registry)).toMatchObject({ reason: "rule" })
  })
})

describe("matching lines", () => {
  const lines = [
    lineFacts("shirt", { collection_id: "pcol_summer", type_id: "ptyp_shirt", tag_ids: ["ptag_sale"], category_ids: ["pcat_tops"] }),
    lineFacts("cap", { collection_id: "pcol_summer", type_id: "ptyp_cap", tag_ids: [], category_ids: ["pcat_hats", "pcat_tops"] }),
    lineFacts("socks", { collection_id: null, type_id: null, custom: { "custom.weight": 0.2 } }),
  ]

  it("matches a line when every rule holds for it, in the lines' order", () => {
    expect(matchingLineIds([rule("items.product.collection_id", "eq", "pcol_summer")], lines, registry)).toEqual(["shirt", "cap"])
    expect(
      matchingLineIds([rule("items.product.collection_id", "eq", "pcol_summer"), rule("items.product.type_id", "ne", "ptyp_shirt")], lines, registry)
    ).toEqual(["cap"])
    expect(matchingLineIds([rule("items.product.categories.id", "in", "pcat_hats", "pcat_shoes")], lines, registry)).toEqual(["cap"])
    expect(matchingLineIds([rule("items.product.tags.id", "not_in", "ptag_sale")], lines, registry)).toEqual(["cap", "socks"])
    expect(matchingLineIds([rule("items.product.collection_id", "not_in", "pcol_summer")], lines, registry)).toEqual(["socks"])
    expect(matchingLineIds([rule("items.variant_id", "in", "variant_socks"), rule("items.product.id", "eq", "prod_socks")], lines, registry)).toEqual([
      "socks",
    ])
  })

  it("matches every line without rules, and none on an attribute that is not a line attribute", () => {
    expect(matchingLineIds([], lines, registry)).toEqual(["shirt", "cap", "socks"])
    expect(lineMatches([rule("customer.id", "ne", "x")], lines[0], registry)).toBe(false)
    expect(lineMatches([rule("items.product.brand", "ne", "x")], lines[0], registry)).toBe(false)
  })

  it("evaluates a store's own line attribute like a built-in", () => {
    expect(matchingLineIds([rule("custom.weight", "lt", 1)], lines, registry)).toEqual(["socks"])
  })
})
