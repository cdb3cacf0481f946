// How a session asks the host for prices: with the context the cart it becomes
// will have (region, currency, customer and their groups, and what the store's
// own pricing hooks add) and each line's quantity (price tiers). Pure: the
// host is called in workflows/cart-session/host/catalogue.ts.
import type { MedusaContainer } from "@medusajs/framework/types"
import type { CartSessionRecord } from "../../modules/cart-session"

/** Where a session buys: its region and currency price the items, its channel sells them. */
export type SessionMarket = { region_id: string; currency_code: string; sales_channel_id: string }

/** A session as its pricing context is read from: its market, buyer and metadata. */
export type SessionForPricing = SessionMarket &
  Pick<CartSessionRecord, "id" | "customer_id" | "email" | "metadata">

/** What a session's prices depend on, of the session itself (the rest is read with it: its customer's groups, the store's own context). */
export function pricingScopeOf(session: SessionForPricing): SessionForPricing {
  const { id, region_id, currency_code, sales_channel_id, customer_id, email, metadata } = session
  return { id, region_id, currency_code, sales_channel_id, customer_id, email, metadata }
}

/** Where and for whom a session is priced: as the host prices a cart's lines, the quantity aside. */
export type SessionPricingContext = SessionMarket & {
  customer_id: string | null
  /** The customer's groups (their price lists apply); empty without a customer. */
  customer_group_ids: string[]
  /** What the store's `pricingContext` option adds (its own carts' pricing context); empty without it. */
  store_context: Record<string, unknown>
}

/** What the plugin option `pricingContext` is called with, once per change of a session. */
export type StorePricingContextInput = {
  session: SessionForPricing
  /** The session's customer with their groups, as the host's cart carries them; null when anonymous. */
  customer: { id: string; groups: { id: string }[] } | null
  container: MedusaContainer
}

/**
 * The plugin option `pricingContext`: the store's own pricing context for a
 * session, as its `setPricingContext` hook handlers give its carts. A plain
 * object of JSON values; nothing (or `{}`) adds nothing.
 */
export type StorePricingContextFunction = (
  input: StorePricingContextInput
) => Record<string, unknown> | null | undefined | Promise<Record<string, unknown> | null | undefined>

/**
 * What a store's `pricingContext` gave, checked: a plain object (nothing is
 * `{}`). Anything else is the store's mistake, named.
 */
export function storeContextOf(returned: unknown): Record<string, unknown> {
  if (returned === null || returned === undefined) {
    return {}
  }
  if (typeof returned !== "object" || Array.isArray(returned)) {
    throw new TypeError(
      `The pricingContext option of medusa-plugin-checkout-discounts returned ${Array.isArray(returned) ? "an array" : typeof returned}: ` +
        "it must return an object (the pricing context to add) or nothing"
    )
  }
  return returned as Record<string, unknown>
}

/** A variant to price at a quantity (a price may hold for some quantities only). */
export type VariantQuantity = { variant_id: string; quantity: number }

/** Where a variant's price at a quantity is found in a catalogue. */
export function catalogueKey({ variant_id, quantity }: VariantQuantity): string {
  return `${variant_id}@${quantity}`
}

/**
 * The variants to price, grouped by quantity: one pricing call per distinct
 * quantity (the host groups a cart's lines by their context the same way).
 * Quantities ascending, each variant once per quantity.
 */
export function groupVariantsByQuantity(wanted: VariantQuantity[]): { quantity: number; variant_ids: string[] }[] {
  const byQuantity = new Map<number, Set<string>>()
  for (const { variant_id, quantity } of wanted) {
    const variants = byQuantity.get(quantity) ?? new Set<string>()
    variants.add(variant_id)
    byQuantity.set(quantity, variants)
  }
  return [...byQuantity.entries()]
    .sort(([left], [right]) => left - right)
    .map(([quantity, variants]) => ({ quantity, variant_ids: [...variants] }))
}

/**
 * The context the pricing module takes for one quantity, shaped as the host's
 * cart passes it: the customer with their groups as objects, which the
 * pricing module flattens to the rule attributes `customer.id` and
 * `customer.groups.id` (a customer group price list's rule). The store's own
 * context goes where the host puts a `setPricingContext` hook's result: over
 * the customer, under region, currency, customer id and quantity.
 */
export function hostPricingContext(context: SessionPricingContext, quantity: number): Record<string, unknown> {
  const { region_id, currency_code, customer_id, customer_group_ids, store_context } = context
  return {
    ...(customer_id ? { customer: { id: customer_id, groups: customer_group_ids.map((id) => ({ id })) } } : {}),
    ...store_context,
    region_id,
    currency_code,
    ...(customer_id ? { customer_id } : {}),
    quantity,
  }
}

/** A variant as a session sees it in the host's catalogue, priced at one quantity. */
export type CatalogueVariant = {
  variant_id: string
  product_id: string
  title: string
  variant_title: string | null
  merchant_id: string
  is_add_on_product: boolean
  /** The product's collection and type, read with it at no cost: line rules need no read of their own for them. */
  collection_id?: string | null
  type_id?: string | null
  /** The quantity `unit_price` is the host's price at (prices may hold for some quantities only). */
  quantity: number
  /** Integer minor units of the session's currency; null when the host has no price in it. */
  unit_price: number | null
  /** Whether the host's price includes tax (the region's or currency's price preference). */
  is_tax_inclusive?: boolean
}
