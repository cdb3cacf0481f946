import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PricedSession } from "../../../lib/pricing"
import { cartSessionService, loadCartSession } from "../utils/load"
import { DiscountPricing, discountPricingOf, discountRowUpdate, samePricing } from "../utils/discount-pricing"
import type { CodeTerms } from "../utils/pricing-input"

export type PersistSessionPricingStepInput = {
  cart_session_id: string
  priced: PricedSession
  /** The coupon terms each code was priced with, by discount id. */
  terms: Record<string, CodeTerms>
}

type Compensation = { cart_session_id: string; discounts: DiscountPricing[]; was_unpriced: boolean }

/**
 * Writes each code's pricing result on its row (status, message,
 * amount_total, per-line allocations, the coupon terms) and marks the session
 * priced: every code now has a final status. Only rows that changed are
 * written. Compensation writes the previous values back.
 */
export const persistSessionPricingStep = createStep(
  "persist-cart-session-pricing",
  async (input: PersistSessionPricingStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const session = await loadCartSession(container, input.cart_session_id)
    const previous: DiscountPricing[] = []
    const updates: DiscountPricing[] = []
    for (const result of input.priced.discounts) {
      const row = session.discounts.find((discount) => discount.id === result.id)
      if (!row || result.type !== "CODE") {
        continue
      }
      const terms = input.terms[result.id] ?? { coupon_id: null, value_type: null, value: null }
      const next: DiscountPricing = {
        id: row.id,
        merchant_id: result.merchant_id,
        status: result.status,
        message: result.message,
        amount_total: result.amount_total,
        allocations: result.allocations.map((share) => ({ line_item_id: share.line_id, amount: share.amount })),
        ...terms,
      }
      const current = discountPricingOf(row)
      if (!samePricing(current, next)) {
        previous.push(current)
        updates.push(next)
      }
    }
    if (updates.length) {
      await sessions.updateCartSessionDiscounts(updates.map(discountRowUpdate))
    }
    const pricedBefore = session.priced
    if (!pricedBefore) {
      await sessions.updateCartSessions({ id: session.id, priced: true })
    }
    const compensation: Compensation = { cart_session_id: session.id, discounts: previous, was_unpriced: !pricedBefore }
    return new StepResponse({ changed: updates.length > 0 || !pricedBefore }, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const sessions = cartSessionService(container)
    if (compensation.discounts.length) {
      await sessions.updateCartSessionDiscounts(compensation.discounts.map(discountRowUpdate))
    }
    if (compensation.was_unpriced) {
      await sessions.updateCartSessions({ id: compensation.cart_session_id, priced: false })
    }
  }
)
