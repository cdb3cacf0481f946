import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  DiscountPricing,
  discountPricingOf,
  discountRowUpdate,
  pendingMessage,
  samePricing,
} from "../utils/discount-pricing"
import { cartSessionService, loadCartSession } from "../utils/load"
import { isCartSessionOpen } from "../utils/session-rules"

export type MarkDiscountsPendingStepInput = { cart_session_ids: string[] }

type Compensation = {
  discounts: DiscountPricing[]
  sessions: { id: string; priced: boolean; version: number }[]
}

/**
 * Sets every code of the given open sessions back to PENDING (nothing taken
 * until priced again), the sessions to `priced: false`, version + 1. Sessions
 * without codes, or already all pending, are left alone. Returns the ids of
 * the sessions marked. Compensation restores the previous values.
 */
export const markDiscountsPendingStep = createStep(
  "mark-cart-session-discounts-pending",
  async (input: MarkDiscountsPendingStepInput, { container }) => {
    const service = cartSessionService(container)
    const compensation: Compensation = { discounts: [], sessions: [] }
    const marked: string[] = []
    for (const id of input.cart_session_ids) {
      const session = await loadCartSession(container, id).catch(() => null)
      if (!session || !isCartSessionOpen(session)) {
        continue
      }
      const codes = session.discounts.filter((discount) => discount.type === "CODE")
      const updates: DiscountPricing[] = []
      for (const row of codes) {
        const current = discountPricingOf(row)
        const pending: DiscountPricing = {
          ...current,
          status: "PENDING",
          message: pendingMessage(row.code),
          amount_total: 0,
          allocations: [],
        }
        if (!samePricing(current, pending)) {
          compensation.discounts.push(current)
          updates.push(pending)
        }
      }
      const alreadyPending = !updates.length && !session.priced
      if (!codes.length || alreadyPending) {
        continue
      }
      await service.updateCartSessionDiscounts(updates.map(discountRowUpdate))
      await service.updateCartSessions({ id, priced: false, version: session.version + 1 })
      compensation.sessions.push({ id, priced: session.priced, version: session.version })
      marked.push(id)
    }
    return new StepResponse(marked, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const service = cartSessionService(container)
    if (compensation.discounts.length) {
      await service.updateCartSessionDiscounts(compensation.discounts.map(discountRowUpdate))
    }
    if (compensation.sessions.length) {
      await service.updateCartSessions(compensation.sessions)
    }
  }
)
