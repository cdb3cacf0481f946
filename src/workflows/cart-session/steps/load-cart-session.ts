import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadCartSession } from "../utils/load"
import {
  assertCartSessionOpen,
  assertCartSessionVersion,
  assertCartSessionVisible,
  CartSessionActor,
} from "../utils/session-rules"

export type LoadCartSessionStepInput = {
  cart_session_id: string
  /** The store customer asking; absent for subscribers and jobs. */
  actor?: CartSessionActor
  /** The version the client last saw, when it sent one. */
  version?: number | null
  /** Defaults to true: a converted, cancelled or expired session is refused. */
  require_open?: boolean
}

/**
 * Loads a session for a change, under the workflow's lock: it must be visible
 * to the actor (else CART_SESSION_NOT_FOUND), open (CART_SESSION_NOT_OPEN) and
 * at the client's version (VERSION_CONFLICT).
 */
export const loadCartSessionStep = createStep(
  "load-cart-session",
  async (input: LoadCartSessionStepInput, { container }) => {
    const session = await loadCartSession(container, input.cart_session_id)
    assertCartSessionVisible(session, input.cart_session_id, input.actor)
    if (input.require_open !== false) {
      assertCartSessionOpen(session)
    }
    assertCartSessionVersion(session, input.version)
    return new StepResponse(session)
  }
)
