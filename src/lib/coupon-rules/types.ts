// Coupon rules (docs/coupon-rules.md): the shapes of the host's promotion rules, `{ attribute, operator, values }`.

export const RULE_OPERATORS = ["in", "not_in", "eq", "ne", "gt", "gte", "lt", "lte"] as const
export type RuleOperator = (typeof RULE_OPERATORS)[number]

/** `id_list`: the fact is a list (a customer's groups, a product's tags); `in` holds when any of it is listed. */
export type RuleValueType = "id" | "id_list" | "string" | "number" | "boolean"

/** `shopper` attributes go in `rules`; `line` attributes in `target_rules` and `buy_rules`. */
export type RuleKind = "shopper" | "line"

/** What the ids of an attribute name in the host, to check they exist. */
export type HostEntity =
  | "product"
  | "variant"
  | "collection"
  | "category"
  | "type"
  | "tag"
  | "customer"
  | "customer_group"
  | "sales_channel"
  | "region"

export type RuleValue = string | number | boolean

export type CouponRule = { attribute: string; operator: RuleOperator; values: RuleValue[] }

/** A fact as resolved for a rule: `null` or `undefined` when the session does not have it (yet). */
export type FactValue = string | number | boolean | readonly string[] | null | undefined

/** What is known of the shopper, resolved by the caller before rules are evaluated. */
export type ShopperFacts = {
  /** `null`: an anonymous session, which fails every customer rule. */
  customer_id: string | null
  customer_group_ids: readonly string[]
  sales_channel_id: string | null
  region_id: string | null
  /** Of the shipping address; `null` without one. */
  country_code: string | null
  currency_code: string | null
  /** The coupon's scope subtotal before discounts, in major units (`scopeItemTotal`). */
  item_total: number | null
  /** The store's own attributes' values, by attribute name. */
  custom?: Readonly<Record<string, FactValue>>
}

/** What is known of one line's product, resolved by the caller. */
export type LineFacts = {
  /** The line's id, as the pricing core knows it. */
  id: string
  product_id: string | null
  variant_id: string | null
  collection_id: string | null
  category_ids: readonly string[]
  type_id: string | null
  tag_ids: readonly string[]
  custom?: Readonly<Record<string, FactValue>>
}

/** The coupon fields of docs/coupon-rules.md, as an admin sends them. All optional. */
export type CouponRulesInput = {
  type?: "standard" | "buyget" | null
  target_type?: "items" | "shipping_methods" | null
  allocation?: "across" | "each" | "once" | null
  max_quantity?: number | null
  rules?: CouponRule[] | null
  target_rules?: CouponRule[] | null
  buy_rules?: CouponRule[] | null
  buy_rules_min_quantity?: number | null
  apply_to_quantity?: number | null
  is_automatic?: boolean | null
  /** The coupon's currency: amounts in rules (`item_total`) are in it. */
  currency_code?: string | null
}

export type RuleProblem = { field: string; message: string }
