import { ENTITY_WORDS } from "./attribute"
import type { RuleRegistry } from "./registry"
import type { CouponRulesInput, HostEntity, RuleProblem } from "./types"

/** One id a rule names, with the field it is in (`target_rules.0.values.1`). */
export type RuleReference = { entity: HostEntity; id: string; field: string }

const RULE_FIELDS = ["rules", "target_rules", "buy_rules"] as const

/** Every id the rules name, for attributes that name a host entity (rules that are malformed are skipped). */
export function ruleReferences(input: CouponRulesInput, registry: RuleRegistry): RuleReference[] {
  const references: RuleReference[] = []
  for (const field of RULE_FIELDS) {
    const rules = input[field]
    if (!Array.isArray(rules)) continue
    rules.forEach((rule, index) => {
      const entity = registry.get(rule?.attribute)?.entity
      if (!entity || !Array.isArray(rule.values)) return
      rule.values.forEach((value, position) => {
        if (typeof value === "string") references.push({ entity, id: value, field: `${field}.${index}.values.${position}` })
      })
    })
  }
  return references
}

/** The distinct ids named, by entity: one query a kind for the caller. */
export function idsByEntity(references: readonly RuleReference[]): Partial<Record<HostEntity, string[]>> {
  const ids: Partial<Record<HostEntity, Set<string>>> = {}
  for (const { entity, id } of references) (ids[entity] ??= new Set()).add(id)
  return Object.fromEntries(Object.entries(ids).map(([entity, set]) => [entity, [...set]]))
}

/** A problem for every id the host does not have, given the ids it found of each entity. */
export function unknownIdProblems(
  references: readonly RuleReference[],
  found: Partial<Record<HostEntity, Iterable<string>>>
): RuleProblem[] {
  const known = new Map<HostEntity, Set<string>>()
  const knownOf = (entity: HostEntity) => {
    if (!known.has(entity)) known.set(entity, new Set(found[entity] ?? []))
    return known.get(entity)!
  }
  return references
    .filter((reference) => !knownOf(reference.entity).has(reference.id))
    .map(({ entity, id, field }) => ({
      field,
      message: `Field '${field}' names ${ENTITY_WORDS[entity]} ${JSON.stringify(id)}, which does not exist`,
    }))
}
