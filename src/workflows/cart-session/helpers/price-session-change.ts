import type { MedusaContainer } from "@medusajs/framework/types"
import { type CatalogueVariant, priceDraft, type SessionCouponVerdicts, touchSession } from "../../../lib/cart-session"
import type { CartSessionState } from "../../../modules/cart-session"
import type { CatalogueRead } from "../../../lib/cart-session/catalogue-freshness"
import { storeRuleRegistry } from "./check-codes"
import { cartSessionService } from "./service"

/**
 * The draft priced (see priceDraft) and recorded as a change of `before`:
 * version + 1 and `updated_at` when anything differs, a new expiry when the
 * change keeps the session alive. A new session (no `before`) stays as drafted.
 * When the change read every line from the host (`catalogueRead`), the session
 * records it (bookkeeping: not a change by itself).
 */
export function priceSessionChange(
  container: MedusaContainer,
  before: CartSessionState | null,
  draft: CartSessionState,
  variants: Record<string, CatalogueVariant>,
  verdicts: SessionCouponVerdicts,
  extendExpiry: boolean,
  catalogueRead: CatalogueRead | null = null
): CartSessionState {
  const stamped = catalogueRead ? { ...draft, ...catalogueRead } : draft
  const { state } = priceDraft(stamped, variants, verdicts, { registry: storeRuleRegistry(container) })
  if (!before) {
    return state
  }
  const options = cartSessionService(container).getOptions()
  return touchSession(before, state, {
    now: new Date(),
    lifetimeMinutes: extendExpiry ? options.sessionLifetimeMinutes : null,
  })
}
