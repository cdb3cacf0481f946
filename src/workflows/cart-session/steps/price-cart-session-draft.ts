import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import type { CouponEligibility } from "../../../modules/coupon"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { priceDraft } from "../../../lib/cart-session/price-draft"
import { cartSessionService } from "../helpers/service"
import { touchSession } from "../../../lib/cart-session/session-draft"
import type { CheckedSessionCodes } from "./check-session-codes"

export type PriceCartSessionDraftStepInput = {
  /** The session as loaded; null for a new one. */
  before: CartSessionState | null
  draft: CartSessionState
  variants: Record<string, CatalogueVariant>
  codes: CheckedSessionCodes
  /** A shopper's change keeps the session alive; a scheduled re-pricing does not. */
  extend_expiry: boolean
}

export const priceCartSessionDraftStepId = "price-cart-session-draft"

/**
 * Prices the draft in memory with the pricing core (host prices refreshed,
 * add-ons of merchants that left removed, every code re-checked), then
 * records the change: version + 1 and `updated_at` when anything differs
 * from the session as loaded, a new expiry for a shopper's change. Pure:
 * the change is written once, by the commit step.
 */
export const priceCartSessionDraftStep = createStep(
  priceCartSessionDraftStepId,
  async (input: PriceCartSessionDraftStepInput, { container }) =>
    new StepResponse(
      priceSessionChange(container, input.before, input.draft, input.variants, input.codes.eligibilities, input.extend_expiry)
    )
)

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
  eligibilities: Record<string, CouponEligibility>,
  extendExpiry: boolean
): CartSessionState {
  const { state } = priceDraft(draft, variants, eligibilities)
  if (!before) {
    return state
  }
  const options = cartSessionService(container).getOptions()
  return touchSession(before, state, {
    now: new Date(),
    lifetimeMinutes: extendExpiry ? options.sessionLifetimeMinutes : null,
  })
}

/** The codes that were already priced and came out with another status (the shopper saw the old one). */
export function changedCodes(before: CartSessionState, after: CartSessionState) {
  const previous = new Map(before.discounts.map((discount) => [discount.id, discount.status]))
  return after.discounts.filter((discount) => {
    const status = previous.get(discount.id)
    return discount.type === "CODE" && status !== undefined && status !== "PENDING" && status !== discount.status
  })
}
