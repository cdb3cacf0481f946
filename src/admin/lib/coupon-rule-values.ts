import type {
  Coupon,
  CouponAllocation,
  CouponBody,
  CouponRule,
  CouponRuleFields,
  CouponTargetType,
  CouponType,
  RuleOperator,
  RuleValue,
} from "./coupon-api"
import type { FieldErrors } from "./coupon-form-values"
import type { RuleAttributeInfo } from "./rule-attributes-api"

/** One rule as the form holds it. */
export type RuleRow = {
  /** Tells rows apart for React; never sent. */
  key: string
  /** An attribute's name; "" until one is chosen. */
  attribute: string
  /** "" until an attribute is chosen. */
  operator: RuleOperator | ""
  /** The values as sent: the ids a picker chose, the boolean of a yes/no attribute. */
  values: RuleValue[]
  /** Strings and numbers as typed: "US, CA", "50". */
  text: string
}

export const RULE_LISTS = ["rules", "target_rules", "buy_rules"] as const
export type RuleList = (typeof RULE_LISTS)[number]

/** The rule part of the coupon form (docs/coupon-rules.md). */
export type CouponRuleValues = {
  /** Shipping: the item fields below are kept as typed (for a switch back) but neither checked nor sent. */
  target_type: CouponTargetType
  type: CouponType
  allocation: CouponAllocation
  max_quantity: string
  rules: RuleRow[]
  target_rules: RuleRow[]
  buy_rules: RuleRow[]
  buy_rules_min_quantity: string
  apply_to_quantity: string
  is_automatic: boolean
}

export type RuleFieldsBody = Required<Pick<CouponBody, CouponRuleFields>>

/** Operators that take one or more values; every other takes exactly one. */
export const LIST_OPERATORS: ReadonlySet<RuleOperator> = new Set(["in", "not_in"])

let rowCount = 0
const newRowKey = () => `rule-${++rowCount}`

export function emptyRuleValues(): CouponRuleValues {
  return {
    target_type: "items",
    type: "standard",
    allocation: "across",
    max_quantity: "",
    rules: [],
    target_rules: [],
    buy_rules: [],
    buy_rules_min_quantity: "",
    apply_to_quantity: "",
    is_automatic: false,
  }
}

/** A row with nothing chosen yet. */
export const emptyRuleRow = (): RuleRow => ({ key: newRowKey(), attribute: "", operator: "", values: [], text: "" })

/** A stored rule as a row; its values are kept both as sent and as text, for whichever control its attribute takes. */
export function ruleToRow(rule: CouponRule): RuleRow {
  return { key: newRowKey(), attribute: rule.attribute, operator: rule.operator, values: [...rule.values], text: rule.values.join(", ") }
}

const text = (value: number | null | undefined) => (value == null ? "" : String(value))

/** A coupon's rule fields as form values; a coupon saved before rules existed reads as having none. */
export function couponToRuleValues(coupon: Partial<Pick<Coupon, CouponRuleFields>>): CouponRuleValues {
  return {
    target_type: coupon.target_type ?? "items",
    type: coupon.type ?? "standard",
    allocation: coupon.allocation ?? "across",
    max_quantity: text(coupon.max_quantity),
    rules: (coupon.rules ?? []).map(ruleToRow),
    target_rules: (coupon.target_rules ?? []).map(ruleToRow),
    buy_rules: (coupon.buy_rules ?? []).map(ruleToRow),
    buy_rules_min_quantity: text(coupon.buy_rules_min_quantity),
    apply_to_quantity: text(coupon.apply_to_quantity),
    is_automatic: coupon.is_automatic ?? false,
  }
}

/** The operator a new rule on `attribute` starts with: include for ids and strings, "at least" for numbers, "is" for yes/no. */
export function defaultOperator(attribute: RuleAttributeInfo): RuleOperator {
  const preferred: RuleOperator =
    attribute.value_type === "number" ? "gte" : attribute.value_type === "boolean" ? "eq" : "in"
  return attribute.operators.includes(preferred) ? preferred : attribute.operators[0]
}

/** The row after choosing another attribute: its default operator and no values (a yes/no attribute: yes). */
export function withAttribute(row: RuleRow, attribute: RuleAttributeInfo): RuleRow {
  const values = attribute.value_type === "boolean" ? [true] : []
  return { ...row, attribute: attribute.name, operator: defaultOperator(attribute), values, text: "" }
}

/** The row after choosing another operator; an operator of one value keeps the first value only. */
export function withOperator(row: RuleRow, operator: RuleOperator): RuleRow {
  return LIST_OPERATORS.has(operator) ? { ...row, operator } : { ...row, operator, values: row.values.slice(0, 1) }
}

const attributeOf = (attributes: readonly RuleAttributeInfo[] | undefined, name: string) =>
  attributes?.find((attribute) => attribute.name === name)

const splitText = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)

/** How a row's values are entered: picked from the host's records, typed, or yes/no. */
export function valueControl(attribute: RuleAttributeInfo): "picker" | "text" | "number" | "yes_no" {
  if (attribute.value_type === "number") return "number"
  if (attribute.value_type === "boolean") return "yes_no"
  return attribute.entity ? "picker" : "text"
}

/** The values a row sends: typed text for strings and numbers, else its chosen values (also for an attribute not listed). */
export function rowValues(row: RuleRow, attribute: RuleAttributeInfo | undefined): RuleValue[] {
  const control = attribute && valueControl(attribute)
  if (control === "text") return splitText(row.text)
  if (control === "number") return row.text.trim() === "" ? [] : [Number(row.text.trim())]
  return row.values
}

export function rowToRule(row: RuleRow, attributes: readonly RuleAttributeInfo[] | undefined): CouponRule {
  return {
    attribute: row.attribute,
    operator: row.operator as RuleOperator,
    values: rowValues(row, attributeOf(attributes, row.attribute)),
  }
}

const wholeOrNull = (value: string) => (value.trim() === "" ? null : Number(value.trim()))

/**
 * The rule fields of the API body for valid values, every field present: an empty rule list is `null`,
 * and so is each field that does not apply to the coupon's kind (`null` clears it on update).
 * `across`, the default allocation, is sent as `null`. A shipping coupon is a standard one with none of
 * the item fields (target rules, buy X get Y, unit allocation).
 */
export function ruleValuesToBody(values: CouponRuleValues, attributes: readonly RuleAttributeInfo[] | undefined): RuleFieldsBody {
  const onItems = values.target_type === "items"
  const buyGet = onItems && values.type === "buyget"
  const counted = onItems && !buyGet && values.allocation !== "across"
  const list = (rows: RuleRow[]) => (rows.length ? rows.map((row) => rowToRule(row, attributes)) : null)
  return {
    target_type: values.target_type,
    type: buyGet ? "buyget" : "standard",
    allocation: counted ? values.allocation : null,
    max_quantity: buyGet || counted ? wholeOrNull(values.max_quantity) : null,
    rules: list(values.rules),
    target_rules: onItems ? list(values.target_rules) : null,
    buy_rules: buyGet ? list(values.buy_rules) : null,
    buy_rules_min_quantity: buyGet ? wholeOrNull(values.buy_rules_min_quantity) : null,
    apply_to_quantity: buyGet ? wholeOrNull(values.apply_to_quantity) : null,
    is_automatic: values.is_automatic,
  }
}

/** The form's field names in the order it shows them, one per rule row (`rules.0`), for errors and focus. */
export function ruleFieldNames(values: Pick<CouponRuleValues, RuleList>): string[] {
  const rows = (list: RuleList) => [list, ...values[list].map((_row, index) => `${list}.${index}`)]
  return [
    "target_type",
    ...rows("rules"),
    "type",
    ...rows("buy_rules"),
    "buy_rules_min_quantity",
    ...rows("target_rules"),
    "apply_to_quantity",
    "allocation",
    "max_quantity",
    "is_automatic",
  ]
}

const WHOLE = "Enter a whole number of 1 or more."

/** The obvious mistakes in the rule part, under the field or rule row (`target_rules.0`) they are in. */
export function validateCouponRules(values: CouponRuleValues, attributes: readonly RuleAttributeInfo[] | undefined): FieldErrors {
  const errors: FieldErrors = {}
  const onItems = values.target_type === "items"
  const buyGet = onItems && values.type === "buyget"
  const lists: RuleList[] = !onItems ? ["rules"] : buyGet ? ["rules", "buy_rules", "target_rules"] : ["rules", "target_rules"]
  for (const list of lists) {
    values[list].forEach((row, index) => {
      const problem = rowProblem(row, attributes)
      if (problem) errors[`${list}.${index}`] = problem
    })
  }
  const whole = (field: "max_quantity" | "buy_rules_min_quantity" | "apply_to_quantity") => {
    const value = wholeOrNull(values[field])
    if (value === null) return null
    if (!(Number.isSafeInteger(value) && value >= 1)) errors[field] = WHOLE
    return errors[field] ? null : value
  }
  if (buyGet) {
    if (!values.buy_rules.length) errors.buy_rules = "Add a rule for the items to buy."
    if (!values.target_rules.length) errors.target_rules = "Add a rule for the items that get the discount."
    const buy = whole("buy_rules_min_quantity")
    const apply = whole("apply_to_quantity")
    const most = whole("max_quantity")
    if (buy === null) errors.buy_rules_min_quantity ??= "Enter how many items to buy."
    if (apply === null) errors.apply_to_quantity ??= "Enter how many items get the discount."
    if (most === null) errors.max_quantity ??= "Enter the most items discounted in all."
    else if (apply !== null && most < apply) errors.max_quantity = `Enter at least ${apply}, the items discounted each time.`
  } else if (onItems && values.allocation !== "across") {
    if (whole("max_quantity") === null) errors.max_quantity ??= "Enter how many items at most."
  }
  return errors
}

function rowProblem(row: RuleRow, attributes: readonly RuleAttributeInfo[] | undefined): string | undefined {
  if (!row.attribute) return "Choose what the rule is about."
  const attribute = attributeOf(attributes, row.attribute)
  if (!attribute) {
    return attributes ? `This store no longer has the rule attribute ${row.attribute}; remove the rule.` : undefined
  }
  if (!row.operator || !attribute.operators.includes(row.operator)) return "Choose how to compare."
  const values = rowValues(row, attribute)
  const single = !LIST_OPERATORS.has(row.operator)
  if (attribute.value_type === "number") {
    return values.length === 1 && Number.isFinite(values[0]) ? undefined : "Enter a number."
  }
  if (values.length === 0) {
    return attribute.entity ? `Choose at least one ${attribute.label}.` : "Enter at least one value."
  }
  if (single && values.length > 1) return attribute.entity ? `Choose one ${attribute.label} only.` : "Enter one value only."
  return undefined
}
