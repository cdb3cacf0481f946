import { formatMinorUnits, toMinorUnits } from "../pricing"
import type { RegisteredAttribute } from "./attribute"
import type { RuleRegistry } from "./registry"
import type { CouponRule, RuleValue } from "./types"

export type RuleWordsOptions = {
  /** Display names of ids and values (`{ cusgroup_01: "Wholesale" }`); a value without one is shown as it is. */
  names?: Readonly<Record<string, string>>
  /** The coupon's currency, to print amounts with its decimals. */
  currency_code?: string | null
}

/** "whose customer group is Wholesale", "whose item total is at least 50.00", or a boolean's own words. */
export function ruleClause(rule: CouponRule, registry: RuleRegistry, options: RuleWordsOptions = {}): string {
  const attribute = registry.get(rule.attribute)
  if (!attribute) return `whose ${rule.attribute} ${operatorPhrase(rule.operator, rule.values.map(String))}`
  if (attribute.value_type === "boolean") {
    const holdsWhenTrue = (rule.operator === "eq") === (rule.values[0] === true)
    const words = holdsWhenTrue ? attribute.when_true : attribute.when_false
    return words ?? `whose ${attribute.label} is ${holdsWhenTrue ? "yes" : "no"}`
  }
  const values = rule.values.map((value) => valueWords(attribute, value, options))
  return `whose ${attribute.label} ${operatorPhrase(rule.operator, values)}`
}

/** Whom a shopper rule is about, then the rule: "customers whose customer group is Wholesale". */
export function describeShopperRule(rule: CouponRule, registry: RuleRegistry, options: RuleWordsOptions = {}): string {
  return `${subjectOf(registry.get(rule.attribute))} ${ruleClause(rule, registry, options)}`
}

/** The lines some line rules match: "items whose collection is Summer caps and whose tag is Sale". */
export function describeLineRules(rules: readonly CouponRule[], registry: RuleRegistry, options: RuleWordsOptions = {}): string {
  if (rules.length === 0) return "items"
  return `items ${rules.map((rule) => ruleClause(rule, registry, options)).join(" and ")}`
}

export function subjectOf(attribute: RegisteredAttribute | undefined): string {
  if (attribute?.kind === "shopper" && attribute.subject) return attribute.subject
  return attribute?.kind === "shopper" && attribute.needs_customer ? "customers" : "shoppers"
}

export function valueWords(attribute: RegisteredAttribute, value: RuleValue, options: RuleWordsOptions): string {
  const named = options.names?.[String(value)]
  if (named !== undefined) return named
  if (attribute.money && typeof value === "number" && options.currency_code) {
    try {
      return formatMinorUnits(toMinorUnits(value, options.currency_code), options.currency_code)
    } catch {
      return String(value)
    }
  }
  if (attribute.case_insensitive && typeof value === "string") return value.toUpperCase()
  return String(value)
}

function operatorPhrase(operator: string, values: string[]): string {
  const [first] = values
  switch (operator) {
    case "eq":
      return `is ${first}`
    case "ne":
      return `is not ${first}`
    case "in":
      return `is ${listed(values, "or")}`
    case "not_in":
      if (values.length === 1) return `is not ${first}`
      if (values.length === 2) return `is neither ${values[0]} nor ${values[1]}`
      return `is none of ${listed(values, "and")}`
    case "gt":
      return `is more than ${first}`
    case "gte":
      return `is at least ${first}`
    case "lt":
      return `is less than ${first}`
    case "lte":
      return `is at most ${first}`
    default:
      return `${operator} ${values.join(", ")}`
  }
}

/** "A", "A or B", "A, B or C". */
function listed(values: readonly string[], conjunction: "or" | "and"): string {
  if (values.length <= 1) return values[0] ?? ""
  return `${values.slice(0, -1).join(", ")} ${conjunction} ${values[values.length - 1]}`
}
