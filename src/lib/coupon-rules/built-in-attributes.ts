import { isKnownCurrency } from "../pricing"
import type { LineAttribute, ShopperAttribute } from "./attribute"
import type { RuleValue } from "./types"

const countryCode = (value: RuleValue) =>
  typeof value === "string" && /^[A-Za-z]{2}$/.test(value) ? null : "a two-letter ISO 3166-1 country code"
const currencyCode = (value: RuleValue) =>
  typeof value === "string" && isKnownCurrency(value) ? null : "an ISO 4217 currency code"

/** Who may use a coupon (`rules`), docs/coupon-rules.md. */
export const SHOPPER_ATTRIBUTES: readonly ShopperAttribute[] = [
  {
    name: "customer.id",
    kind: "shopper",
    value_type: "id",
    label: "customer",
    description: "The signed-in customer",
    entity: "customer",
    needs_customer: true,
    fact: (facts) => facts.customer_id,
  },
  {
    name: "customer.groups.id",
    kind: "shopper",
    value_type: "id_list",
    label: "customer group",
    description: "The signed-in customer's groups; a customer in any listed group matches",
    entity: "customer_group",
    needs_customer: true,
    fact: (facts) => facts.customer_group_ids,
  },
  {
    name: "sales_channel_id",
    kind: "shopper",
    value_type: "id",
    label: "sales channel",
    entity: "sales_channel",
    fact: (facts) => facts.sales_channel_id,
  },
  {
    name: "region.id",
    kind: "shopper",
    value_type: "id",
    label: "region",
    entity: "region",
    fact: (facts) => facts.region_id,
  },
  {
    name: "shipping_address.country_code",
    kind: "shopper",
    value_type: "string",
    label: "shipping country",
    description: "The country of the shipping address, as a two-letter code; a session without an address fails",
    case_insensitive: true,
    check: countryCode,
    fact: (facts) => facts.country_code,
  },
  {
    name: "currency_code",
    kind: "shopper",
    value_type: "string",
    label: "currency",
    case_insensitive: true,
    check: currencyCode,
    fact: (facts) => facts.currency_code,
  },
  {
    name: "item_total",
    kind: "shopper",
    value_type: "number",
    label: "item total",
    description: "The subtotal of the coupon's scope (its merchant's bag, or the session) before discounts",
    subject: "carts",
    money: true,
    fact: (facts) => facts.item_total,
  },
]

/** Which lines a coupon discounts (`target_rules`) or counts as bought (`buy_rules`), docs/coupon-rules.md. */
export const LINE_ATTRIBUTES: readonly LineAttribute[] = [
  { name: "items.product.id", kind: "line", value_type: "id", label: "product", entity: "product", fact: (line) => line.product_id },
  { name: "items.variant_id", kind: "line", value_type: "id", label: "variant", entity: "variant", fact: (line) => line.variant_id },
  {
    name: "items.product.collection_id",
    kind: "line",
    value_type: "id",
    label: "collection",
    entity: "collection",
    fact: (line) => line.collection_id,
  },
  {
    name: "items.product.categories.id",
    kind: "line",
    value_type: "id_list",
    label: "category",
    description: "The product's categories; a product in any listed category matches",
    entity: "category",
    fact: (line) => line.category_ids,
  },
  { name: "items.product.type_id", kind: "line", value_type: "id", label: "product type", entity: "type", fact: (line) => line.type_id },
  {
    name: "items.product.tags.id",
    kind: "line",
    value_type: "id_list",
    label: "tag",
    description: "The product's tags; a product with any listed tag matches",
    entity: "tag",
    fact: (line) => line.tag_ids,
  },
]
