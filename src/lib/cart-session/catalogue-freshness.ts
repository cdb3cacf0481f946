// Prices and product facts kept with the lines (docs/data-model.md, "Prices kept with the lines"): a change
// reads from the host's catalogue only the lines it touches, while the session's last full read still
// holds. Pure.
import { createHash } from "crypto"
import { canonicalJson } from "../canonical-json"
import type { CartSessionLineState, CartSessionState } from "../../modules/cart-session"
import { catalogueKey, type CatalogueVariant, type SessionPricingContext } from "./pricing-context"

/** What a change that read every line from the host stamps on the session. */
export type CatalogueRead = { catalogue_read_at: string; pricing_context_key: string }

/**
 * A digest of what, beside the session's fixed market (region, currency, channel), decides the host's
 * prices for it: the customer, their groups and what the store's `pricingContext` adds. Prices read in
 * another context are read again.
 */
export function pricingContextKey(context: SessionPricingContext): string {
  const { customer_id, customer_group_ids, store_context } = context
  const digest = createHash("sha256")
    .update(canonicalJson({ customer_id, customer_group_ids: [...customer_group_ids].sort(), store_context }))
    .digest("hex")
  return digest.slice(0, 32)
}

export type CatalogueFreshness = {
  /** The key of the context the change prices in (`pricingContextKey`). */
  context_key: string
  now: Date
  /** How old the last full read may be (the `linePricesMaxAgeSeconds` option); 0: every change reads every line. */
  max_age_ms: number
}

/**
 * The lines of `draft` a change must read from the host, and whether that is all of them. Every line
 * when there is no stored session to rely on (a new one, a convert), when it is unpriced (the host said
 * its catalogue changed, or a coupon did), when it was never read whole, in another pricing context
 * (a customer signed in, their groups or the store's context changed) or longer ago than `max_age_ms`.
 * Otherwise only the lines that are new or whose variant or quantity changed (a price may hold for some
 * quantities only): the others keep the price and facts stored with them.
 */
export function linesToRead(
  draft: CartSessionState,
  stored: CartSessionState | null | undefined,
  freshness: CatalogueFreshness
): { lines: CartSessionLineState[]; all: boolean } {
  const readAt = stored?.catalogue_read_at ? Date.parse(stored.catalogue_read_at) : null
  const fresh =
    stored &&
    stored.priced &&
    readAt !== null &&
    stored.pricing_context_key === freshness.context_key &&
    freshness.now.getTime() - readAt < freshness.max_age_ms
  if (!fresh) {
    return { lines: draft.items, all: true }
  }
  const storedLines = new Map(stored.items.map((line) => [line.id, line]))
  const lines = draft.items.filter((line) => {
    const before = storedLines.get(line.id)
    return !before || before.variant_id !== line.variant_id || before.quantity !== line.quantity
  })
  return { lines, all: lines.length === draft.items.length && draft.items.length > 0 }
}

/** A line as its last read from the host left it: its price and product facts, keyed as the catalogue is. */
export function storedCatalogueVariant(line: CartSessionLineState): [string, CatalogueVariant] {
  return [
    catalogueKey(line),
    {
      variant_id: line.variant_id,
      product_id: line.product_id,
      title: line.title,
      variant_title: line.variant_title,
      merchant_id: line.merchant_id,
      is_add_on_product: line.is_add_on,
      collection_id: line.product_collection_id,
      type_id: line.product_type_id,
      quantity: line.quantity,
      unit_price: line.unit_price,
      is_tax_inclusive: line.is_tax_inclusive,
    },
  ]
}
