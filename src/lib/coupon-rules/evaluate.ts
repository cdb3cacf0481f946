import type { RegisteredAttribute } from "./attribute"
import type { RuleRegistry } from "./registry"
import type { CouponRule, FactValue, LineFacts, RuleValue, ShopperFacts } from "./types"

/**
 * Whether one rule holds for a fact. A fact that is `null` or `undefined` means "has none" (no
 * collection, no shipping address): `ne` and `not_in` hold, every other operator fails. For a list
 * attribute, `in` holds when any of the fact's values is listed and `not_in` when none is. Strings of a
 * case-insensitive attribute compare without regard to case. A fact of the wrong type is a mistake of
 * the code that resolved it, and throws.
 */
export function ruleHolds(attribute: RegisteredAttribute, rule: CouponRule, fact: FactValue): boolean {
  const negated = rule.operator === "ne" || rule.operator === "not_in"
  if (fact === null || fact === undefined) return negated
  assertFactType(attribute, fact)
  const same = (left: RuleValue, right: RuleValue) =>
    attribute.case_insensitive && typeof left === "string" && typeof right === "string"
      ? left.toLowerCase() === right.toLowerCase()
      : left === right
  const facts: readonly RuleValue[] = Array.isArray(fact) ? fact : [fact as RuleValue]
  const listed = facts.some((value) => rule.values.some((ruleValue) => same(value, ruleValue)))
  const [ruleValue] = rule.values
  switch (rule.operator) {
    case "in":
    case "eq":
      return listed
    case "not_in":
    case "ne":
      return !listed
    case "gt":
      return (fact as number) > (ruleValue as number)
    case "gte":
      return (fact as number) >= (ruleValue as number)
    case "lt":
      return (fact as number) < (ruleValue as number)
    case "lte":
      return (fact as number) <= (ruleValue as number)
    default:
      return false
  }
}

/**
 * Why a rule failed: `unknown` (no such shopper attribute, e.g. a store's own one removed from its code),
 * `anonymous` (a customer rule and no customer), `missing` (the session has no such fact yet) or `rule`.
 */
export type ShopperRuleFailure = {
  index: number
  rule: CouponRule
  attribute: RegisteredAttribute | undefined
  reason: "unknown" | "anonymous" | "missing" | "rule"
}

/** The first of `rules` the shopper fails, or `null` when every rule holds. */
export function shopperRuleFailure(
  rules: readonly CouponRule[],
  shopper: ShopperFacts,
  registry: RuleRegistry
): ShopperRuleFailure | null {
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]
    const attribute = registry.get(rule.attribute)
    const failure = (reason: ShopperRuleFailure["reason"]) => ({ index, rule, attribute, reason })
    if (attribute?.kind !== "shopper") return failure("unknown")
    if (attribute.needs_customer && shopper.customer_id === null) return failure("anonymous")
    const fact = attribute.fact(shopper)
    if (!ruleHolds(attribute, rule, fact)) return failure(fact === null || fact === undefined ? "missing" : "rule")
  }
  return null
}

/** Whether every rule holds for the line; a rule on an attribute that is not a line attribute never does. */
export function lineMatches(rules: readonly CouponRule[], line: LineFacts, registry: RuleRegistry): boolean {
  return rules.every((rule) => {
    const attribute = registry.get(rule.attribute)
    return attribute?.kind === "line" && ruleHolds(attribute, rule, attribute.fact(line))
  })
}

/** Ids of the lines every rule holds for, in the lines' order (every line when there are no rules). */
export function matchingLineIds(rules: readonly CouponRule[], lines: readonly LineFacts[], registry: RuleRegistry): string[] {
  return lines.filter((line) => lineMatches(rules, line, registry)).map((line) => line.id)
}

const FACT_TYPES = { id: "string", string: "string", number: "number", boolean: "boolean" } as const

function assertFactType(attribute: RegisteredAttribute, fact: Exclude<FactValue, null | undefined>): void {
  const fine =
    attribute.value_type === "id_list"
      ? Array.isArray(fact) && fact.every((value) => typeof value === "string")
      : typeof fact === FACT_TYPES[attribute.value_type] && !(typeof fact === "number" && !Number.isFinite(fact))
  if (!fine) {
    const expected = attribute.value_type === "id_list" ? "a list of ids" : `a ${FACT_TYPES[attribute.value_type]}`
    throw new TypeError(`The fact of rule attribute ${attribute.name} must be ${expected}, got ${JSON.stringify(fact)}`)
  }
}
