// How a session asks the host for prices: with the context the cart it becomes
// will have (region, currency, customer and their groups) and each line's
// quantity (price tiers). Pure: the host is called in host-catalogue.ts.

/** Where a session buys: its region and currency price the items, its channel sells them. */
export type SessionMarket = { region_id: string; currency_code: string; sales_channel_id: string }

/** Where and for whom a session is priced: as the host prices a cart's lines, the quantity aside. */
export type SessionPricingContext = SessionMarket & {
  customer_id: string | null
  /** The customer's groups (their price lists apply); empty without a customer. */
  customer_group_ids: string[]
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
 * `customer.groups.id` (a customer group price list's rule).
 */
export function hostPricingContext(context: SessionPricingContext, quantity: number): Record<string, unknown> {
  const { region_id, currency_code, customer_id, customer_group_ids } = context
  return {
    region_id,
    currency_code,
    quantity,
    ...(customer_id
      ? { customer_id, customer: { id: customer_id, groups: customer_group_ids.map((id) => ({ id })) } }
      : {}),
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
  /** The quantity `unit_price` is the host's price at (prices may hold for some quantities only). */
  quantity: number
  /** Integer minor units of the session's currency; null when the host has no price in it. */
  unit_price: number | null
}
