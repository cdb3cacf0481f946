import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import type { CatalogueVariant } from "../utils/host-catalogue"
import { priceDraft } from "../utils/price-draft"
import { cartSessionService } from "../utils/service"
import { touchSession } from "../utils/session-draft"
import type { CheckedSessionCodes } from "./check-session-codes"

export type PriceCartSessionDraftStepInput = {
  /** The session as loaded; null for a new one. */
  before: CartSessionState | null
  draft: CartSessionState
  variants: Record<string, CatalogueVariant>
  codes: CheckedSessionCodes
  /** A shopper's change keeps the session alive; a scheduled re-pricing does not. */
  extend_expiry: boolean
  /** Convert: the session passes the checkout gate unless re-pricing changed a code's status. */
  ready_for_checkout?: boolean
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
  async (input: PriceCartSessionDraftStepInput, { container }) => {
    const { state } = priceDraft(input.draft, input.variants, input.codes.eligibilities)
    if (!input.before) {
      return new StepResponse(state) // a new session: version 1, as drafted
    }
    const options = cartSessionService(container).getOptions()
    const touched = touchSession(input.before, state, {
      now: new Date(),
      lifetimeMinutes: input.extend_expiry ? options.sessionLifetimeMinutes : null,
      readyForCheckout: input.ready_for_checkout === true && changedCodes(input.before, state).length === 0,
    })
    return new StepResponse(touched)
  }
)

/** The codes that were already priced and came out with another status (the shopper saw the old one). */
export function changedCodes(before: CartSessionState, after: CartSessionState) {
  const previous = new Map(before.discounts.map((discount) => [discount.id, discount.status]))
  return after.discounts.filter((discount) => {
    const status = previous.get(discount.id)
    return discount.type === "CODE" && status !== undefined && status !== "PENDING" && status !== discount.status
  })
}
