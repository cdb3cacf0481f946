import type { MedusaContainer } from "@medusajs/framework/types"
import { type CatalogueVariant, priceDraft, type SessionCouponVerdicts, touchSession } from "../../../lib/cart-session"
import type { CartSessionState } from "../../../modules/cart-session"
import { storeRuleRegistry } from "./check-codes"
import { cartSessionService } from "./service"

/**
 * The draft priced (see priceDraft) and recorded as a change of `before`:
 * version + 1 and `updated_at` when anything differs, a new expiry when the
 * change keeps the session alive. A new session (no `before`) stays as drafted.
 */
export function priceSessionChange(
  container: MedusaContainer,
  before: CartSessionState | null,
  draft: CartSessionState,
  variants: Record<string, CatalogueVariant>,
  verdicts: SessionCouponVerdicts,
  extendExpiry: boolean
): CartSessionState {
  const { state } = priceDraft(draft, variants, verdicts, { registry: storeRuleRegistry(container) })
  if (!before) {
    return state
  }
  const options = cartSessionService(container).getOptions()
  return touchSession(before, state, {
    now: new Date(),
    lifetimeMinutes: extendExpiry ? options.sessionLifetimeMinutes : null,
  })
}
