import { AdminApiError } from "../admin-request"
import type { Coupon, CouponRule } from "../coupon-api"
import {
  changedFields,
  couponFieldNames,
  couponToValues,
  CouponFormValues,
  emptyCouponValues,
  validateCouponValues,
  valuesToBody,
  withoutEmptyRuleFields,
} from "../coupon-form-values"
import { couponToRuleValues, emptyRuleRow, ruleToRow, withAttribute, withOperator } from "../coupon-rule-values"
import { emptyGenerateValues, generateValuesToBody } from "../generate-form-values"
import type { RuleAttributeInfo } from "../rule-attributes-api"
import { serverFormErrors } from "../server-errors"

// As GET /admin/coupon-rule-attributes answers: a few built-ins and a store's own attribute.
const attributes: RuleAttributeInfo[] = [
  { name: "customer.groups.id", kind: "shopper", value_type: "id_list", operators: ["in", "not_in"], label: "customer group", entity: "customer_group" },
  { name: "region.id", kind: "shopper", value_type: "id", operators: ["in", "not_in", "eq", "ne"], label: "region", entity: "region" },
  { name: "shipping_address.country_code", kind: "shopper", value_type: "string", operators: ["in", "not_in", "eq", "ne"], label: "shipping country" },
  { name: "item_total", kind: "shopper", value_type: "number", operators: ["eq", "ne", "gt", "gte", "lt", "lte"], label: "item total", money: true },
  { name: "custom.first_order", kind: "shopper", value_type: "boolean", operators: ["eq", "ne"], label: "first order" },
  { name: "items.product.collection_id", kind: "line", value_type: "id", operators: ["in", "not_in", "eq", "ne"], label: "collection", entity: "collection" },
  { name: "items.product.tags.id", kind: "line", value_type: "id_list", operators: ["in", "not_in"], label: "tag", entity: "tag" },
]
const attribute = (name: string) => attributes.find((entry) => entry.name === name)!

const storedCoupon: Coupon = {
  id: "cpn_1",
  code: "CAPS",
  merchant_id: null,
  name: null,
  value_type: "percentage",
  value: 10,
  currency_code: "usd",
  starts_at: null,
  ends_at: null,
  min_subtotal: null,
  usage_limit: null,
  usage_limit_per_customer: null,
  usage_count: 0,
  combinable: true,
  priority: 0,
  is_active: true,
  type: "standard",
  target_type: "items",
  allocation: "each",
  max_quantity: 2,
  rules: [
    { attribute: "customer.groups.id", operator: "in", values: ["cusgroup_1"] },
    { attribute: "shipping_address.country_code", operator: "in", values: ["US", "CA"] },
    { attribute: "item_total", operator: "gte", values: [50] },
    { attribute: "custom.first_order", operator: "eq", values: [true] },
  ],
  target_rules: [
    { attribute: "items.product.collection_id", operator: "in", values: ["pcol_1", "pcol_2"] },
    { attribute: "items.product.tags.id", operator: "not_in", values: ["ptag_sale"] },
  ],
  buy_rules: null,
  buy_rules_min_quantity: null,
  apply_to_quantity: null,
  is_automatic: true,
  rules_description: ["Only for customers whose customer group is Wholesale."],
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
}

const row = (rule: CouponRule) => ruleToRow(rule)
const tenPercent: CouponFormValues = { ...emptyCouponValues(), code: "CAPS", value: "10" }

describe("the rules part of the coupon body", () => {
  it("sends a stored coupon's rules back as they were", () => {
    const body = valuesToBody(couponToValues(storedCoupon), attributes)
    expect(body).toMatchObject({
      type: "standard",
      allocation: "each",
      max_quantity: 2,
      rules: storedCoupon.rules,
      target_rules: storedCoupon.target_rules,
      buy_rules: null,
      buy_rules_min_quantity: null,
      apply_to_quantity: null,
      is_automatic: true,
    })
  })

  it("reads a coupon saved before rules existed as one without rules", () => {
    const { type, allocation, max_quantity, rules, target_rules, buy_rules, is_automatic, ...older } = storedCoupon
    const values = couponToValues(older as Coupon)
    expect(values).toMatchObject({ type: "standard", allocation: "across", rules: [], target_rules: [], is_automatic: false })
  })

  it("parses typed values by the attribute's type: a list of codes, a number, a yes/no", () => {
    const values: CouponFormValues = {
      ...tenPercent,
      currency_code: "USD",
      rules: [
        { ...withAttribute(emptyRuleRow(), attribute("shipping_address.country_code")), text: " us, CA ,, " },
        { ...withAttribute(emptyRuleRow(), attribute("item_total")), text: "49.5" },
        { ...withAttribute(emptyRuleRow(), attribute("custom.first_order")), values: [false] },
      ],
    }
    expect(valuesToBody(values, attributes).rules).toEqual([
      { attribute: "shipping_address.country_code", operator: "in", values: ["us", "CA"] },
      { attribute: "item_total", operator: "gte", values: [49.5] },
      { attribute: "custom.first_order", operator: "eq", values: [false] },
    ])
  })

  it("keeps the values of a rule on an attribute the store no longer lists", () => {
    const gone = { attribute: "custom.loyalty_tier", operator: "eq" as const, values: [3] }
    const values = { ...tenPercent, rules: [row(gone)] }
    expect(valuesToBody(values, attributes).rules).toEqual([gone])
  })

  it("leaves empty rule fields out of a new coupon, and keeps its kind and automatic flag", () => {
    const body = withoutEmptyRuleFields(valuesToBody(tenPercent, attributes))
    for (const field of ["allocation", "max_quantity", "rules", "target_rules", "buy_rules", "apply_to_quantity"]) {
      expect(body).not.toHaveProperty(field)
    }
    expect(body).toMatchObject({ type: "standard", is_automatic: false })
  })

  it("sends the default allocation, across, as null and no unit count with it", () => {
    const body = valuesToBody({ ...tenPercent, allocation: "across", max_quantity: "4" }, attributes)
    expect(body).toMatchObject({ allocation: null, max_quantity: null })
  })

  it("sends buy X get Y with its quantities and no allocation", () => {
    const values: CouponFormValues = {
      ...tenPercent,
      value: "100",
      type: "buyget",
      allocation: "each",
      buy_rules: [row({ attribute: "items.product.collection_id", operator: "in", values: ["pcol_shirts"] })],
      target_rules: [row({ attribute: "items.product.collection_id", operator: "in", values: ["pcol_caps"] })],
      buy_rules_min_quantity: "2",
      apply_to_quantity: "1",
      max_quantity: "3",
    }
    expect(validateCouponValues(values, attributes)).toEqual({})
    expect(valuesToBody(values, attributes)).toMatchObject({
      type: "buyget",
      allocation: null,
      buy_rules: [{ attribute: "items.product.collection_id", operator: "in", values: ["pcol_shirts"] }],
      target_rules: [{ attribute: "items.product.collection_id", operator: "in", values: ["pcol_caps"] }],
      buy_rules_min_quantity: 2,
      apply_to_quantity: 1,
      max_quantity: 3,
    })
  })
})

describe("an edit of a coupon's rules", () => {
  const before = () => valuesToBody(couponToValues(storedCoupon), attributes)

  it("sends nothing of the rules when they did not change", () => {
    const values = couponToValues(storedCoupon)
    expect(changedFields(valuesToBody({ ...values, name: "Caps" }, attributes), before())).toEqual({ name: "Caps" })
  })

  it("sends null to clear a list of rules", () => {
    const values = { ...couponToValues(storedCoupon), target_rules: [] }
    expect(changedFields(valuesToBody(values, attributes), before())).toEqual({ target_rules: null })
  })

  it("sends the whole list when one value of one rule changed", () => {
    const values = couponToValues(storedCoupon)
    values.target_rules[0] = { ...values.target_rules[0], values: ["pcol_1"] }
    expect(changedFields(valuesToBody(values, attributes), before())).toEqual({
      target_rules: [
        { attribute: "items.product.collection_id", operator: "in", values: ["pcol_1"] },
        { attribute: "items.product.tags.id", operator: "not_in", values: ["ptag_sale"] },
      ],
    })
  })

  it("clears the unit count when the allocation goes back to across", () => {
    const values = { ...couponToValues(storedCoupon), allocation: "across" as const }
    expect(changedFields(valuesToBody(values, attributes), before())).toEqual({ allocation: null, max_quantity: null })
  })

  it("clears the buy X get Y fields when the coupon becomes a plain discount", () => {
    const buyGet = {
      ...storedCoupon,
      type: "buyget" as const,
      allocation: null,
      buy_rules: [{ attribute: "items.product.tags.id", operator: "in" as const, values: ["ptag_shirt"] }],
      buy_rules_min_quantity: 2,
      apply_to_quantity: 1,
      max_quantity: 1,
    }
    const values = { ...couponToValues(buyGet), type: "standard" as const }
    expect(changedFields(valuesToBody(values, attributes), valuesToBody(couponToValues(buyGet), attributes))).toEqual({
      type: "standard",
      max_quantity: null,
      buy_rules: null,
      buy_rules_min_quantity: null,
      apply_to_quantity: null,
    })
  })
})

describe("a coupon on shipping", () => {
  const onShipping = (values: CouponFormValues): CouponFormValues => ({ ...values, target_type: "shipping_methods" })
  const itemFieldsCleared = { type: "standard", allocation: null, max_quantity: null, target_rules: null, buy_rules: null, buy_rules_min_quantity: null, apply_to_quantity: null }

  it("starts on items, and reads a coupon saved before target_type existed as on items", () => {
    expect(emptyCouponValues().target_type).toBe("items")
    expect(couponToRuleValues({}).target_type).toBe("items")
    expect(couponToValues({ ...storedCoupon, target_type: "shipping_methods" }).target_type).toBe("shipping_methods")
  })

  it("sends a shipping coupon as a standard one without the item fields the form still holds, keeping who may use it", () => {
    const body = valuesToBody(onShipping(couponToValues(storedCoupon)), attributes)
    expect(body).toMatchObject({ target_type: "shipping_methods", ...itemFieldsCleared, rules: storedCoupon.rules, is_automatic: true })
  })

  it("sends a buy X get Y coupon switched to shipping with none of its buy X get Y fields", () => {
    const values = onShipping({
      ...tenPercent,
      type: "buyget",
      buy_rules: [row({ attribute: "items.product.tags.id", operator: "in", values: ["ptag_shirt"] })],
      target_rules: [row({ attribute: "items.product.tags.id", operator: "in", values: ["ptag_cap"] })],
      buy_rules_min_quantity: "2",
      apply_to_quantity: "1",
      max_quantity: "1",
    })
    expect(valuesToBody(values, attributes)).toMatchObject({ target_type: "shipping_methods", ...itemFieldsCleared })
  })

  it("checks only the fields a shipping coupon shows: hidden item fields left half-done are no error", () => {
    const values = onShipping({ ...tenPercent, type: "buyget", allocation: "each", target_rules: [emptyRuleRow()], max_quantity: "" })
    expect(validateCouponValues(values, attributes)).toEqual({})
    expect(Object.keys(validateCouponValues({ ...values, rules: [emptyRuleRow()] }, attributes))).toEqual(["rules.0"])
  })

  it("leaves empty rule fields out of a new shipping coupon, and sends its target type", () => {
    const body = withoutEmptyRuleFields(valuesToBody(onShipping(tenPercent), attributes))
    expect(body).toMatchObject({ target_type: "shipping_methods", type: "standard" })
    for (const field of ["allocation", "max_quantity", "target_rules", "buy_rules", "apply_to_quantity"]) {
      expect(body).not.toHaveProperty(field)
    }
  })

  it("an edit to shipping clears the stored item fields on the server, and back to items sends nothing that did not change", () => {
    const before = valuesToBody(couponToValues(storedCoupon), attributes)
    const shipping = onShipping(couponToValues(storedCoupon))
    expect(changedFields(valuesToBody(shipping, attributes), before)).toEqual({
      target_type: "shipping_methods",
      allocation: null,
      max_quantity: null,
      target_rules: null,
    })
    expect(changedFields(valuesToBody({ ...shipping, target_type: "items" }, attributes), before)).toEqual({})
  })

  it("generates shipping coupons: the template's target type, no item fields", () => {
    const values = { ...emptyGenerateValues(), value: "100", target_type: "shipping_methods" as const, allocation: "once" as const, max_quantity: "2" }
    const body = generateValuesToBody(values, attributes)
    expect(body).toMatchObject({ target_type: "shipping_methods", type: "standard", count: 10 })
    expect(body).not.toHaveProperty("allocation")
    expect(body).not.toHaveProperty("max_quantity")
  })
})

describe("choosing an attribute and an operator", () => {
  it.each([
    ["customer.groups.id", "in", []],
    ["item_total", "gte", []],
    ["custom.first_order", "eq", [true]],
    ["items.product.collection_id", "in", []],
  ])("starts a rule on %s with %s and %j", (name, operator, values) => {
    const next = withAttribute({ ...emptyRuleRow(), values: ["left over"], text: "left over" }, attribute(name))
    expect(next).toMatchObject({ attribute: name, operator, values, text: "" })
  })

  it("keeps one value when the operator becomes one that compares a single value", () => {
    const picked = row({ attribute: "region.id", operator: "in", values: ["reg_1", "reg_2"] })
    expect(withOperator(picked, "ne").values).toEqual(["reg_1"])
    expect(withOperator(picked, "not_in").values).toEqual(["reg_1", "reg_2"])
  })
})

describe("the rule part's own checks", () => {
  const errorsOf = (patch: Partial<CouponFormValues>, known: { attributes?: RuleAttributeInfo[] } = { attributes }) =>
    validateCouponValues({ ...tenPercent, currency_code: "USD", ...patch }, known.attributes)

  it("accepts a coupon without rules and one with complete rules", () => {
    expect(errorsOf({})).toEqual({})
    expect(errorsOf({ rules: storedCoupon.rules!.map(row), target_rules: storedCoupon.target_rules!.map(row) })).toEqual({})
  })

  it.each([
    ["a rule with no attribute chosen", { target_rules: [emptyRuleRow()] }, "target_rules.0", "Choose what the rule is about."],
    [
      "a picker rule with nothing picked",
      { rules: [withAttribute(emptyRuleRow(), attribute("customer.groups.id"))] },
      "rules.0",
      "Choose at least one customer group.",
    ],
    [
      "an amount that is not a number",
      { rules: [{ ...withAttribute(emptyRuleRow(), attribute("item_total")), text: "lots" }] },
      "rules.0",
      "Enter a number.",
    ],
    [
      "two countries for 'is'",
      { rules: [{ ...row({ attribute: "shipping_address.country_code", operator: "eq", values: [] }), text: "US, CA" }] },
      "rules.0",
      "Enter one value only.",
    ],
    [
      "a rule on an attribute the store no longer lists",
      { rules: [row({ attribute: "custom.gone", operator: "eq", values: [true] })] },
      "rules.0",
      "This store no longer has the rule attribute custom.gone; remove the rule.",
    ],
    ["'each' without a unit count", { allocation: "each" as const }, "max_quantity", "Enter how many items at most."],
    ["a unit count of 0", { allocation: "once" as const, max_quantity: "0" }, "max_quantity", "Enter a whole number of 1 or more."],
  ])("refuses %s under its row or field", (_case, patch, field, message) => {
    expect(errorsOf(patch)).toEqual({ [field]: message })
  })

  it("names every missing part of a buy X get Y coupon", () => {
    expect(errorsOf({ type: "buyget" })).toEqual({
      buy_rules: "Add a rule for the items to buy.",
      target_rules: "Add a rule for the items that get the discount.",
      buy_rules_min_quantity: "Enter how many items to buy.",
      apply_to_quantity: "Enter how many items get the discount.",
      max_quantity: "Enter the most items discounted in all.",
    })
  })

  it("refuses a buy X get Y limit below the units discounted each time", () => {
    const lines = [row({ attribute: "items.product.tags.id", operator: "in", values: ["ptag_1"] })]
    const values = { type: "buyget" as const, buy_rules: lines, target_rules: lines, buy_rules_min_quantity: "2", apply_to_quantity: "2", max_quantity: "1" }
    expect(errorsOf(values)).toEqual({ max_quantity: "Enter at least 2, the items discounted each time." })
  })

  it("asks for a currency when a rule is on an amount", () => {
    const rules = [{ ...withAttribute(emptyRuleRow(), attribute("item_total")), text: "50" }]
    expect(errorsOf({ rules, currency_code: "" })).toEqual({ currency_code: "A rule on an amount needs a currency." })
  })

  it("leaves a rule's attribute to the server while the store's attributes are loading", () => {
    expect(errorsOf({ rules: [row({ attribute: "custom.gone", operator: "eq", values: [true] })] }, {})).toEqual({})
  })
})

describe("server errors on rule fields", () => {
  const values = { ...tenPercent, rules: [emptyRuleRow(), emptyRuleRow()], target_rules: [emptyRuleRow()] }
  const fields = couponFieldNames(values)
  const invalid = (message: string) => new AdminApiError(message, 400, undefined, "invalid_data")

  it("lists the form's fields in order, one per rule row", () => {
    expect(fields.slice(fields.indexOf("target_type"))).toEqual([
      "target_type",
      "rules",
      "rules.0",
      "rules.1",
      "type",
      "buy_rules",
      "buy_rules_min_quantity",
      "target_rules",
      "target_rules.0",
      "apply_to_quantity",
      "allocation",
      "max_quantity",
      "is_automatic",
    ])
  })

  it("puts a message about one value of a rule under that rule's row", () => {
    const message = `Field 'rules.1.values.0' names customer group "cusgroup_x", which does not exist`
    expect(serverFormErrors(invalid(message), fields)).toEqual({ fields: { "rules.1": message } })
  })

  it("reads zod's comma-separated paths too", () => {
    const message = "Expected type: 'number' for field 'target_rules, 0, values, 0', got: 'x'"
    expect(serverFormErrors(invalid(`Invalid request: ${message}`), fields)).toEqual({ fields: { "target_rules.0": message } })
  })

  it("keeps a message with a semicolon of its own whole, beside another field's", () => {
    const kind = "Field 'target_rules.0.attribute' customer.id is a shopper attribute; 'target_rules' take line attributes"
    const quantity = "Field 'max_quantity' is required when 'allocation' is 'each'"
    expect(serverFormErrors(invalid(`${kind}; ${quantity}`), fields)).toEqual({
      fields: { "target_rules.0": kind, max_quantity: quantity },
    })
  })

  it("puts a message about a row the form does not have under its list", () => {
    const message = "Field 'target_rules.4.operator' must be one of in, not_in, got \"x\""
    expect(serverFormErrors(invalid(message), fields)).toEqual({ fields: { target_rules: message } })
  })
})
