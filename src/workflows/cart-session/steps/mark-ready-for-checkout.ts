import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../utils/load"

export type MarkReadyForCheckoutStepInput = { cart_session_id: string }

type Snapshot = { id: string; version: number; ready_for_checkout_at: Date | null }

/**
 * Records that the session passed the convert gate (`ready_for_checkout_at`),
 * version + 1. Creating the host cart from it is the next step of the convert
 * workflow. Compensation restores the previous values.
 */
export const markReadyForCheckoutStep = createStep(
  "mark-cart-session-ready-for-checkout",
  async (input: MarkReadyForCheckoutStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const session = await sessions.retrieveCartSession(input.cart_session_id)
    const previous: Snapshot = {
      id: session.id,
      version: session.version,
      ready_for_checkout_at: session.ready_for_checkout_at ?? null,
    }
    await sessions.updateCartSessions({ id: session.id, version: session.version + 1, ready_for_checkout_at: new Date() })
    return new StepResponse(undefined, previous)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await cartSessionService(container).updateCartSessions(previous)
  }
)
