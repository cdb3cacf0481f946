import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../utils/load"
import { sessionExpiry } from "../utils/session-rules"

export type TouchCartSessionStepInput = {
  cart_session_id: string
  /** Whether the workflow changed anything; nothing is touched otherwise. */
  changed: boolean
  /** A shopper's change keeps the session alive; a system re-pricing does not. */
  extend_expiry: boolean
}

type Snapshot = { id: string; version: number; expires_at: Date; ready_for_checkout_at: Date | null }

/**
 * Records a change: version + 1, a new expiry (for a shopper's change) and
 * the convert gate to pass again. Compensation restores the previous values.
 */
export const touchCartSessionStep = createStep(
  "touch-cart-session",
  async (input: TouchCartSessionStepInput, { container }) => {
    if (!input.changed) {
      return new StepResponse({ changed: false }, null as Snapshot | null)
    }
    const sessions = cartSessionService(container)
    const session = await sessions.retrieveCartSession(input.cart_session_id)
    const previous: Snapshot = {
      id: session.id,
      version: session.version,
      expires_at: session.expires_at,
      ready_for_checkout_at: session.ready_for_checkout_at ?? null,
    }
    await sessions.updateCartSessions({
      id: session.id,
      version: session.version + 1,
      expires_at: input.extend_expiry ? sessionExpiry(sessions.getOptions().sessionLifetimeMinutes) : session.expires_at,
      ready_for_checkout_at: null,
    })
    return new StepResponse({ changed: true }, previous)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await cartSessionService(container).updateCartSessions(previous)
  }
)
