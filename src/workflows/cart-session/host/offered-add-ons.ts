import type { MedusaContainer } from "@medusajs/framework/types"
import { isCartSessionOpen } from "../../../lib/cart-session/session-rules"
import type { CatalogueVariant, SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import type { CartSessionState } from "../../../modules/cart-session"
import { fetchAddOnsOfMerchants, readSessionPricingContext } from "./catalogue"

/** Add-ons of the merchants the shopper buys from (not of merchants present only through add-ons). */
export async function fetchOfferedAddOns(
  container: MedusaContainer,
  session: CartSessionState,
  pricingContext?: SessionPricingContext
): Promise<CatalogueVariant[]> {
  if (!isCartSessionOpen(session)) {
    return []
  }
  const merchants = [...new Set(session.items.filter((line) => !line.is_add_on).map((line) => line.merchant_id))]
  if (!merchants.length) {
    return []
  }
  const context = pricingContext ?? (await readSessionPricingContext(container, session))
  return await fetchAddOnsOfMerchants(container, merchants, context)
}
