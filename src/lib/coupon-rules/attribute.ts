import type { FactValue, HostEntity, LineFacts, RuleOperator, RuleValue, RuleValueType, ShopperFacts } from "./types"

/**
 * One rule attribute, declared once (in the spirit of Vendure's promotion conditions): its name and
 * value type, the operators it takes, its words for the admin form and for sentences, what its ids
 * name in the host, and which fact it reads. Validation, the admin form, the words on a coupon's page
 * and evaluation all read this one declaration.
 */
type AttributeDeclaration = {
  /** As stored in a rule: "customer.groups.id", "items.product.collection_id", "custom.first_order". */
  name: string
  value_type: RuleValueType
  /** Defaults to every operator its value type takes (`OPERATORS_BY_VALUE_TYPE`). */
  operators?: readonly RuleOperator[]
  /** A noun for the admin form and for sentences: "customer group". */
  label: string
  /** Help for the admin form. */
  description?: string
  /** For `id` and `id_list`: what the ids name in the host. */
  entity?: HostEntity
  /** Shopper attributes: an anonymous session fails every rule on it. */
  needs_customer?: boolean
  /** Shopper attributes: whom a sentence is about ("customers", "carts"); customers or shoppers by default. */
  subject?: string
  /** Numbers: an amount in the coupon's currency (major units), printed with its decimals. */
  money?: boolean
  /** Strings: compared without regard to case (country and currency codes). */
  case_insensitive?: boolean
  /** Booleans: the words when it holds and when it does not ("placing their first order"). */
  when_true?: string
  when_false?: string
  /** A further check of one value: the requirement in words when it fails ("a two-letter country code"). */
  check?: (value: RuleValue) => string | null
}

export type ShopperAttribute = AttributeDeclaration & { kind: "shopper"; fact: (facts: ShopperFacts) => FactValue }
export type LineAttribute = AttributeDeclaration & { kind: "line"; fact: (facts: LineFacts) => FactValue }
export type RuleAttribute = ShopperAttribute | LineAttribute

/**
 * A store's own attribute. Its name starts with `custom.`; without `fact` its value is read from the
 * facts' `custom` record under its name, which the workflow layer fills from the attribute's resolver.
 */
export type CustomRuleAttribute =
  | (Omit<ShopperAttribute, "fact"> & { fact?: ShopperAttribute["fact"] })
  | (Omit<LineAttribute, "fact"> & { fact?: LineAttribute["fact"] })

/** An attribute as registered: its operators always listed. */
export type RegisteredAttribute = RuleAttribute & { operators: readonly RuleOperator[] }

export const OPERATORS_BY_VALUE_TYPE: Readonly<Record<RuleValueType, readonly RuleOperator[]>> = {
  id: ["in", "not_in", "eq", "ne"],
  id_list: ["in", "not_in"],
  string: ["in", "not_in", "eq", "ne"],
  number: ["eq", "ne", "gt", "gte", "lt", "lte"],
  boolean: ["eq", "ne"],
}

/** Operators that take one or more values; every other takes exactly one. */
export const LIST_OPERATORS: ReadonlySet<RuleOperator> = new Set(["in", "not_in"])

export const ENTITY_WORDS: Readonly<Record<HostEntity, string>> = {
  product: "product",
  variant: "product variant",
  collection: "collection",
  category: "category",
  type: "product type",
  tag: "product tag",
  customer: "customer",
  customer_group: "customer group",
  sales_channel: "sales channel",
  region: "region",
}
