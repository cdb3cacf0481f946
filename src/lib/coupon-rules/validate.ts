import { LIST_OPERATORS } from "./attribute"
import type { RuleRegistry } from "./registry"
import { RULE_OPERATORS, type CouponRulesInput, type RuleKind, type RuleOperator, type RuleProblem } from "./types"

const RULE_FIELDS = { rules: "shopper", target_rules: "line", buy_rules: "line" } as const satisfies Record<string, RuleKind>
type RuleField = keyof typeof RULE_FIELDS

/**
 * Everything wrong with a coupon's §7 fields, each problem naming its field path (`rules.0.operator`),
 * in the style of `couponTermsProblems`: unknown attributes and operators, operators an attribute does
 * not take, values of the wrong type or count, and fields that do not fit together. Whether the ids
 * exist in the host is checked apart (`ruleReferences`, `unknownIdProblems`).
 */
export function couponRulesProblems(input: CouponRulesInput, registry: RuleRegistry): RuleProblem[] {
  const problems: RuleProblem[] = []
  const add = (field: string, message: string) => problems.push({ field, message: `Field '${field}' ${message}` })
  const buyGet = input.type === "buyget"
  const shipping = input.target_type === "shipping_methods"

  oneOf(input.type, "type", ["standard", "buyget"], add)
  oneOf(input.target_type, "target_type", ["items", "shipping_methods"], add)
  oneOf(input.allocation, "allocation", ["across", "each", "once"], add)
  if (input.is_automatic != null && typeof input.is_automatic !== "boolean") add("is_automatic", "must be true or false")
  for (const field of Object.keys(RULE_FIELDS) as RuleField[]) rulesProblems(input[field], field, registry, add)

  const quantityOk = (field: "max_quantity" | "buy_rules_min_quantity" | "apply_to_quantity") =>
    input[field] == null || positiveInteger(input[field], field, add)
  const maxOk = quantityOk("max_quantity")
  const counted = input.allocation === "each" || input.allocation === "once"
  if (buyGet) {
    if (shipping) add("target_type", "must be 'items' for a buy X get Y coupon")
    if (input.allocation != null) add("allocation", "does not apply to a buy X get Y coupon (its units come from its quantities)")
    if (!input.buy_rules?.length) add("buy_rules", "must list at least one rule for a buy X get Y coupon")
    if (!input.target_rules?.length) add("target_rules", "must list at least one rule for a buy X get Y coupon")
    for (const field of ["buy_rules_min_quantity", "apply_to_quantity", "max_quantity"] as const) {
      if (input[field] == null) add(field, "is required for a buy X get Y coupon")
    }
    quantityOk("buy_rules_min_quantity")
    const applyOk = quantityOk("apply_to_quantity")
    const [most, apply] = [input.max_quantity, input.apply_to_quantity]
    if (maxOk && applyOk && most != null && apply != null && most < apply) {
      add("max_quantity", `must be at least 'apply_to_quantity' (${apply}), got ${most}`)
    }
  } else {
    if (input.buy_rules?.length) add("buy_rules", "is only for a buy X get Y coupon (type 'buyget')")
    for (const field of ["buy_rules_min_quantity", "apply_to_quantity"] as const) {
      if (input[field] != null) add(field, "is only for a buy X get Y coupon (type 'buyget')")
    }
    if (counted && input.max_quantity == null) add("max_quantity", `is required when 'allocation' is '${input.allocation}'`)
    if (!counted && input.max_quantity != null && maxOk) {
      add("max_quantity", "counts units only when 'allocation' is 'each' or 'once', or for a buy X get Y coupon")
    }
  }
  if (shipping && input.target_rules?.length) add("target_rules", "must be empty when 'target_type' is 'shipping_methods'")
  if (shipping && counted) add("allocation", "must be 'across' when 'target_type' is 'shipping_methods'")
  moneyProblems(input, registry, add)
  return problems
}

function rulesProblems(
  rules: unknown,
  field: RuleField,
  registry: RuleRegistry,
  add: (field: string, message: string) => void
): void {
  if (rules == null) return
  if (!Array.isArray(rules)) return add(field, "must be a list of rules")
  rules.forEach((rule: unknown, index) => {
    const path = `${field}.${index}`
    if (typeof rule !== "object" || rule === null) return add(path, "must be a rule: { attribute, operator, values }")
    const { attribute: name, operator, values } = rule as Record<string, unknown>
    const attribute = typeof name === "string" ? registry.get(name) : undefined
    const kind = RULE_FIELDS[field]
    if (!attribute) {
      const known = registry.list(kind).map((entry) => entry.name).join(", ")
      return add(`${path}.attribute`, `names no rule attribute this store knows, got ${JSON.stringify(name)} (known: ${known})`)
    }
    if (attribute.kind !== kind) {
      const where = kind === "shopper" ? "'rules' take shopper attributes" : `'${field}' take line attributes`
      return add(`${path}.attribute`, `${attribute.name} is a ${attribute.kind} attribute; ${where}`)
    }
    if (!RULE_OPERATORS.includes(operator as RuleOperator)) {
      return add(`${path}.operator`, `must be one of ${RULE_OPERATORS.join(", ")}, got ${JSON.stringify(operator)}`)
    }
    if (!attribute.operators.includes(operator as RuleOperator)) {
      return add(`${path}.operator`, `${operator} does not apply to ${attribute.name} (it takes ${attribute.operators.join(", ")})`)
    }
    if (!Array.isArray(values)) return add(`${path}.values`, "must be a list of values")
    const list = LIST_OPERATORS.has(operator as RuleOperator)
    if (list ? values.length === 0 : values.length !== 1) {
      return add(`${path}.values`, `must hold ${list ? "at least one value" : "exactly one value"} for ${operator}, got ${values.length}`)
    }
    values.forEach((value: unknown, position) => {
      const requirement = valueRequirement(attribute.value_type, value) ?? (attribute.check?.(value as never) || null)
      if (requirement) add(`${path}.values.${position}`, `must be ${requirement}, got ${JSON.stringify(value)}`)
    })
  })
}

function valueRequirement(valueType: string, value: unknown): string | null {
  switch (valueType) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "a number"
    case "boolean":
      return typeof value === "boolean" ? null : "true or false"
    default:
      return typeof value === "string" && value.trim() !== "" ? null : valueType === "string" ? "a non-empty string" : "an id"
  }
}

/** Amounts in rules are in the coupon's currency, as `min_subtotal` is. */
function moneyProblems(input: CouponRulesInput, registry: RuleRegistry, add: (field: string, message: string) => void): void {
  if (input.currency_code) return
  const rules = Array.isArray(input.rules) ? input.rules : []
  const money = rules.find((rule) => registry.get(rule?.attribute)?.money)
  if (money) add("currency_code", `is required by the rule on '${money.attribute}' (its amount is in the coupon's currency)`)
}

function oneOf(value: unknown, field: string, allowed: readonly string[], add: (field: string, message: string) => void): void {
  if (value != null && !allowed.includes(value as string)) {
    add(field, `must be one of ${allowed.map((entry) => `'${entry}'`).join(", ")}, got ${JSON.stringify(value)}`)
  }
}

function positiveInteger(value: unknown, field: string, add: (field: string, message: string) => void): boolean {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return true
  add(field, `must be a whole number of at least 1, got ${JSON.stringify(value)}`)
  return false
}
