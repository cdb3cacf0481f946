import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { fetchSellableVariants, readSessionPricingContext } from "../host/catalogue"
import { fetchOfferedAddOns } from "../host/offered-add-ons"
import { catalogueKey, SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import {
  type CatalogueRead,
  linesToRead,
  pricingContextKey,
  storedCatalogueVariant,
} from "../../../lib/cart-session/catalogue-freshness"
import { cartSessionService } from "../helpers/service"
import { unseal, type Sealed } from "../helpers/sealed"

export type ReadSessionCatalogueInput = {
  session: CartSessionState
  /** The session's pricing context when the change already read it; read here otherwise. */
  pricing_context?: SessionPricingContext
  /** Variants this change already read from the host in that context (the items it adds): not read twice at the same quantity. */
  known?: CatalogueVariant[]
  /**
   * The session as stored before this change: while its last full read holds (linesToRead), its
   * unchanged lines keep their stored prices and facts and are not read. Absent (a convert, a new
   * session): every line is read.
   */
  stored?: CartSessionState | null
}

/** readSessionCatalogue's input as a step takes it: the sessions sealed (helpers/sealed.ts). */
export type FetchSessionCatalogueStepInput = Omit<ReadSessionCatalogueInput, "session" | "stored"> & {
  session: Sealed<CartSessionState>
  stored?: Sealed<CartSessionState> | null
}

export type SessionCatalogue = {
  /**
   * The host's sellable variants of the session's lines by `catalogueKey`,
   * each priced at its line's quantity for the session's region, currency and customer.
   */
  variants: Record<string, CatalogueVariant>
  /** The add-ons of the merchants the shopper buys from. */
  add_ons: CatalogueVariant[]
  /** The customer's groups, read for the pricing context (coupon rules on them read nothing more). */
  customer_group_ids: string[]
  /** Set when every line was read now: the session records it. */
  read: CatalogueRead | null
}

export const fetchSessionCatalogueStepId = "fetch-cart-session-catalogue"

/**
 * What the host's catalogue says now of the session's lines (those the change touches, or all of them:
 * linesToRead) and of the add-ons it may offer.
 */
export async function readSessionCatalogue(
  container: MedusaContainer,
  { session, pricing_context, known = [], stored }: ReadSessionCatalogueInput
): Promise<SessionCatalogue> {
  const context = pricing_context ?? (await readSessionPricingContext(container, session))
  const now = new Date()
  const context_key = pricingContextKey(context)
  const maxAgeSeconds = cartSessionService(container).getOptions().linePricesMaxAgeSeconds
  const { lines, all } = linesToRead(session, stored, { context_key, now, max_age_ms: maxAgeSeconds * 1000 })
  const reading = new Set(lines.map((line) => line.id))
  const knownKeys = new Set(known.map(catalogueKey))
  const toRead = lines.filter((line) => !knownKeys.has(catalogueKey(line)))
  const sellable = await fetchSellableVariants(container, toRead, context)
  const variants = Object.fromEntries([
    ...session.items.filter((line) => !reading.has(line.id)).map(storedCatalogueVariant),
    ...known.map((variant) => [catalogueKey(variant), variant]),
    ...sellable,
  ])
  return {
    variants,
    add_ons: await fetchOfferedAddOns(container, session, context),
    customer_group_ids: context.customer_group_ids,
    read: all ? { catalogue_read_at: now.toISOString(), pricing_context_key: context_key } : null,
  }
}

/** readSessionCatalogue as a step. */
export const fetchSessionCatalogueStep = createStep(
  fetchSessionCatalogueStepId,
  async ({ session, stored, ...input }: FetchSessionCatalogueStepInput, { container }) =>
    new StepResponse(await readSessionCatalogue(container, { ...input, session: unseal(session), stored: unseal(stored) }))
)
