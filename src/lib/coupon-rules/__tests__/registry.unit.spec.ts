import { createRuleRegistry, RuleAttributeError, RuleRegistry, type CustomRuleAttribute } from ".."
import { lineFacts, shopper } from "./facts"

const firstOrder: CustomRuleAttribute = {
  name: "custom.first_order",
  kind: "shopper",
  value_type: "boolean",
  label: "first order",
  when_true: "placing their first order",
  when_false: "who have ordered before",
  needs_customer: true,
}

describe("rule attribute registry", () => {
  it("holds the built-in attributes of docs/coupon-rules.md, shopper ones for rules and line ones for target and buy rules", () => {
    const registry = new RuleRegistry()
    const summary = (kind: "shopper" | "line") =>
      registry.list(kind).map(({ name, value_type, entity }) => [name, value_type, entity ?? null])
    expect(summary("shopper")).toEqual([
      ["customer.id", "id", "customer"],
      ["customer.groups.id", "id_list", "customer_group"],
      ["sales_channel_id", "id", "sales_channel"],
      ["region.id", "id", "region"],
      ["shipping_address.country_code", "string", null],
      ["currency_code", "string", null],
      ["item_total", "number", null],
    ])
    expect(summary("line")).toEqual([
      ["items.product.id", "id", "product"],
      ["items.variant_id", "id", "variant"],
      ["items.product.collection_id", "id", "collection"],
      ["items.product.categories.id", "id_list", "category"],
      ["items.product.type_id", "id", "type"],
      ["items.product.tags.id", "id_list", "tag"],
    ])
  })

  it("gives every attribute words and the operators of its value type", () => {
    const registry = new RuleRegistry()
    for (const attribute of registry.list()) expect(attribute.label.length).toBeGreaterThan(2)
    expect(registry.get("customer.groups.id")).toMatchObject({ label: "customer group", operators: ["in", "not_in"], needs_customer: true })
    expect(registry.get("items.product.collection_id")!.operators).toEqual(["in", "not_in", "eq", "ne"])
    expect(registry.get("item_total")!.operators).toEqual(["eq", "ne", "gt", "gte", "lt", "lte"])
  })

  it("reads each built-in's fact from the resolved facts", () => {
    const registry = new RuleRegistry()
    const facts = shopper({ customer_group_ids: ["vip"], item_total: 12.5 })
    const read = (name: string) => {
      const attribute = registry.get(name)!
      return attribute.kind === "shopper" ? attribute.fact(facts) : attribute.fact(lineFacts("l1", { tag_ids: ["sale"] }))
    }
    expect([read("customer.id"), read("customer.groups.id"), read("region.id"), read("item_total")]).toEqual([
      "cus_1",
      ["vip"],
      "reg_eu",
      12.5,
    ])
    expect([read("items.product.id"), read("items.product.tags.id")]).toEqual(["prod_l1", ["sale"]])
  })

  it("registers a store's own attribute, used like a built-in, its fact read from the custom facts by default", () => {
    const registry = createRuleRegistry([firstOrder])
    const attribute = registry.get("custom.first_order")!
    expect(attribute).toMatchObject({ kind: "shopper", operators: ["eq", "ne"], label: "first order" })
    expect(attribute.kind === "shopper" && attribute.fact(shopper({ custom: { "custom.first_order": true } }))).toBe(true)
    expect(registry.list("shopper").map((entry) => entry.name)).toContain("custom.first_order")
  })

  it("takes a store's own fact reader when given one", () => {
    const registry = new RuleRegistry().register({
      name: "custom.bulky",
      kind: "line",
      value_type: "boolean",
      label: "bulky",
      fact: (line) => line.tag_ids.includes("bulky"),
    })
    const attribute = registry.get("custom.bulky")!
    expect(attribute.kind === "line" && attribute.fact(lineFacts("l1", { tag_ids: ["bulky"] }))).toBe(true)
  })

  it.each([
    ["a name outside custom.", { ...firstOrder, name: "first_order" }, "custom.<lower_case_words>"],
    ["a built-in's name", { ...firstOrder, name: "customer.id" }, "custom.<lower_case_words>"],
    ["a name with capitals", { ...firstOrder, name: "custom.FirstOrder" }, "custom.<lower_case_words>"],
    ["an unknown kind", { ...firstOrder, kind: "order" }, "kind must be"],
    ["an unknown value type", { ...firstOrder, value_type: "date" }, "value_type must be one of"],
    ["no words", { ...firstOrder, label: " " }, "label must be words"],
    ["an operator its type does not take", { ...firstOrder, operators: ["gt"] }, "operators gt do not apply to a boolean"],
    ["no operators", { ...firstOrder, operators: [] }, "at least one operator"],
    ["an entity on a boolean", { ...firstOrder, entity: "customer" }, "entity is only for id"],
    ["an unknown entity", { ...firstOrder, value_type: "id", entity: "warehouse", when_true: undefined, when_false: undefined }, "entity must be one of"],
    ["needs_customer on a line attribute", { ...firstOrder, kind: "line" }, "needs_customer is only for shopper"],
    ["money on a string", { ...firstOrder, value_type: "string", money: true, when_true: undefined, when_false: undefined }, "money is only for number"],
    ["boolean words on a number", { ...firstOrder, value_type: "number" }, "only for boolean"],
    ["a fact that is not a function", { ...firstOrder, fact: "first_order" }, "fact must be a function"],
  ])("refuses %s", (_name, definition, words) => {
    expect(() => createRuleRegistry([definition as CustomRuleAttribute])).toThrow(RuleAttributeError)
    expect(() => createRuleRegistry([definition as CustomRuleAttribute])).toThrow(words)
  })

  it("refuses a name registered twice", () => {
    const registry = createRuleRegistry([firstOrder])
    expect(() => registry.register(firstOrder)).toThrow("Rule attribute custom.first_order is already registered")
  })

  it("keeps registries apart: one store's attribute is not in another registry", () => {
    createRuleRegistry([firstOrder])
    expect(new RuleRegistry().get("custom.first_order")).toBeUndefined()
  })
})
