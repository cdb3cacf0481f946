import {
  ENTITY_WORDS,
  OPERATORS_BY_VALUE_TYPE,
  type CustomRuleAttribute,
  type RegisteredAttribute,
  type RuleAttribute,
} from "./attribute"
import { LINE_ATTRIBUTES, SHOPPER_ATTRIBUTES } from "./built-in-attributes"
import type { FactValue, RuleKind, RuleValueType } from "./types"

/** A custom attribute's name: `custom.` then lower-case words of letters, digits and underscores, dot-separated. */
const CUSTOM_NAME = /^custom\.[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/

/** Thrown when an attribute is declared wrongly: a mistake in the store's code, found when it starts. */
export class RuleAttributeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "RuleAttributeError"
    Object.setPrototypeOf(this, RuleAttributeError.prototype)
  }
}

/**
 * The rule attributes a store knows: the built-ins of docs/coupon-rules.md and the store's own, each declared once.
 * Build one with `createRuleRegistry`; everything that reads rules takes it.
 */
export class RuleRegistry {
  private readonly attributes = new Map<string, RegisteredAttribute>()

  /** Holds the built-in attributes of docs/coupon-rules.md, added through the same checks as a store's own. */
  constructor() {
    for (const attribute of [...SHOPPER_ATTRIBUTES, ...LINE_ATTRIBUTES]) this.add(attribute)
  }

  /** Registers a store's own attribute; refuses a name outside `custom.`, a name taken, or a wrong declaration. */
  register(definition: CustomRuleAttribute): this {
    const name = definition?.name
    if (typeof name !== "string" || !CUSTOM_NAME.test(name)) {
      throw new RuleAttributeError(
        `A store's own rule attribute is named custom.<lower_case_words>, got ${JSON.stringify(name)}`
      )
    }
    const fact = definition.fact ?? ((facts: { custom?: Readonly<Record<string, FactValue>> }) => facts.custom?.[name])
    return this.add({ ...definition, fact } as RuleAttribute)
  }

  get(name: string): RegisteredAttribute | undefined {
    return this.attributes.get(name)
  }

  /** In registration order: the built-ins first, in the order of docs/coupon-rules.md. */
  list(kind?: RuleKind): RegisteredAttribute[] {
    const all = [...this.attributes.values()]
    return kind ? all.filter((attribute) => attribute.kind === kind) : all
  }

  private add(definition: RuleAttribute): this {
    const problem = declarationProblem(definition)
    if (problem) throw new RuleAttributeError(`Rule attribute ${definition.name}: ${problem}`)
    if (this.attributes.has(definition.name)) {
      throw new RuleAttributeError(`Rule attribute ${definition.name} is already registered`)
    }
    const operators = definition.operators ?? OPERATORS_BY_VALUE_TYPE[definition.value_type]
    this.attributes.set(definition.name, Object.freeze({ ...definition, operators: [...operators] }))
    return this
  }
}

/** The built-in attributes of docs/coupon-rules.md, then `custom` (each checked as by `register`). */
export function createRuleRegistry(custom: readonly CustomRuleAttribute[] = []): RuleRegistry {
  const registry = new RuleRegistry()
  for (const attribute of custom) registry.register(attribute)
  return registry
}

function declarationProblem(definition: RuleAttribute): string | null {
  const { kind, value_type, label, entity } = definition
  if (kind !== "shopper" && kind !== "line") return `kind must be "shopper" or "line", got ${JSON.stringify(kind)}`
  const allowed = OPERATORS_BY_VALUE_TYPE[value_type as RuleValueType]
  if (!allowed) return `value_type must be one of ${Object.keys(OPERATORS_BY_VALUE_TYPE).join(", ")}, got ${JSON.stringify(value_type)}`
  if (typeof label !== "string" || label.trim() === "") return "label must be words for the admin, got none"
  const operators = definition.operators
  if (operators !== undefined) {
    if (!Array.isArray(operators) || operators.length === 0) return "operators must list at least one operator"
    const foreign = operators.filter((operator) => !allowed.includes(operator))
    if (foreign.length) return `operators ${foreign.join(", ")} do not apply to a ${value_type} (it takes ${allowed.join(", ")})`
  }
  if (entity !== undefined) {
    if (value_type !== "id" && value_type !== "id_list") return "entity is only for id and id_list attributes"
    if (!(entity in ENTITY_WORDS)) return `entity must be one of ${Object.keys(ENTITY_WORDS).join(", ")}, got ${JSON.stringify(entity)}`
  }
  if (definition.needs_customer && kind !== "shopper") return "needs_customer is only for shopper attributes"
  if (definition.money && value_type !== "number") return "money is only for number attributes"
  if ((definition.when_true || definition.when_false) && value_type !== "boolean") return "when_true and when_false are only for boolean attributes"
  if (typeof definition.fact !== "function") return "fact must be a function reading the attribute's value from the facts"
  return null
}
