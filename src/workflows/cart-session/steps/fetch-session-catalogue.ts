import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { CatalogueVariant, fetchAddOnsOfMerchants, fetchSellableVariants } from "../utils/host-catalogue"
import { isCartSessionOpen } from "../utils/session-rules"

export type FetchSessionCatalogueStepInput = {
  session: CartSessionState
  /** Variants this change already read from the host (the items it adds): not read twice. */
  known?: CatalogueVariant[]
}

export type SessionCatalogue = {
  /** The host's sellable variants of the session's lines, by variant id, priced for its region and currency. */
  variants: Record<string, CatalogueVariant>
  /** The add-ons of the merchants the shopper buys from. */
  add_ons: CatalogueVariant[]
}

export const fetchSessionCatalogueStepId = "fetch-cart-session-catalogue"

/** What the host's catalogue says now of the session's lines and of the add-ons it may offer. */
export const fetchSessionCatalogueStep = createStep(
  fetchSessionCatalogueStepId,
  async ({ session, known = [] }: FetchSessionCatalogueStepInput, { container }) => {
    const knownIds = new Set(known.map((variant) => variant.variant_id))
    const toRead = session.items.map((line) => line.variant_id).filter((id) => !knownIds.has(id))
    const sellable = await fetchSellableVariants(container, toRead, session)
    const variants = Object.fromEntries([...known.map((variant) => [variant.variant_id, variant]), ...sellable])
    const catalogue: SessionCatalogue = { variants, add_ons: await fetchOfferedAddOns(container, session) }
    return new StepResponse(catalogue)
  }
)

/** Add-ons of the merchants the shopper buys from (not of merchants present only through add-ons). */
export async function fetchOfferedAddOns(
  container: Parameters<typeof fetchAddOnsOfMerchants>[0],
  session: CartSessionState
): Promise<CatalogueVariant[]> {
  if (!isCartSessionOpen(session)) {
    return []
  }
  const merchants = [...new Set(session.items.filter((line) => !line.is_add_on).map((line) => line.merchant_id))]
  return await fetchAddOnsOfMerchants(container, merchants, session)
}
