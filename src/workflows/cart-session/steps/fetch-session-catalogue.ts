import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { fetchSellableVariants, readSessionPricingContext } from "../host/catalogue"
import { fetchOfferedAddOns } from "../host/offered-add-ons"
import { catalogueKey, SessionPricingContext } from "../../../lib/cart-session/pricing-context"

export type FetchSessionCatalogueStepInput = {
  session: CartSessionState
  /** The session's pricing context when the change already read it; read here otherwise. */
  pricing_context?: SessionPricingContext
  /** Variants this change already read from the host in that context (the items it adds): not read twice at the same quantity. */
  known?: CatalogueVariant[]
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
}

export const fetchSessionCatalogueStepId = "fetch-cart-session-catalogue"

/** What the host's catalogue says now of the session's lines and of the add-ons it may offer. */
export const fetchSessionCatalogueStep = createStep(
  fetchSessionCatalogueStepId,
  async ({ session, pricing_context, known = [] }: FetchSessionCatalogueStepInput, { container }) => {
    const context = pricing_context ?? (await readSessionPricingContext(container, session))
    const knownKeys = new Set(known.map(catalogueKey))
    const toRead = session.items.filter((line) => !knownKeys.has(catalogueKey(line)))
    const sellable = await fetchSellableVariants(container, toRead, context)
    const variants = Object.fromEntries([...known.map((variant) => [catalogueKey(variant), variant]), ...sellable])
    const catalogue: SessionCatalogue = {
      variants,
      add_ons: await fetchOfferedAddOns(container, session, context),
      customer_group_ids: context.customer_group_ids,
    }
    return new StepResponse(catalogue)
  }
)
