import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../helpers/service"
import {
  assertCartSessionOpen,
  assertCartSessionVersion,
  assertCartSessionVisible,
  CartSessionActor,
} from "../../../lib/cart-session/session-rules"
import { pricingScopeOf, type SessionForPricing } from "../../../lib/cart-session/pricing-context"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, type Sealed } from "../helpers/sealed"

export type LoadCartSessionStepInput = {
  cart_session_id: string
  /** The store customer asking; absent for subscribers, jobs and admins. */
  actor?: CartSessionActor
  /** The version the client last saw, when it sent one. */
  version?: number | null
  /** Defaults to true: a converted, cancelled or expired session is refused. */
  require_open?: boolean
}

export type LoadedCartSession = {
  /** The session as loaded. */
  session: Sealed<CartSessionState>
  /** What the change starts from: the session, claimed by the logged-in customer asking when it had none. */
  draft: Sealed<CartSessionState>
  /** Whom and where the draft is priced for. */
  pricing_scope: SessionForPricing
}

export const loadCartSessionStepId = "load-cart-session"

/**
 * Loads a session for a change, once (one statement: lines and discounts
 * from the same snapshot). It must be visible to the actor (else
 * CART_SESSION_NOT_FOUND), open (CART_SESSION_NOT_OPEN) and at the client's
 * version (VERSION_CONFLICT). Returns the session as loaded and the draft
 * the change starts from: a logged-in customer touching an anonymous session
 * makes it theirs (their email too when it has none), as the host does for
 * carts, so their per-customer limits apply from this change on. Also the
 * draft's `pricing_scope` (whom and where it is priced for): a step that needs
 * only that takes it, not the whole session. Both sessions are sealed (helpers/sealed.ts):
 * the same text when the draft is the session.
 */
export const loadCartSessionStep = createStep(
  loadCartSessionStepId,
  async (input: LoadCartSessionStepInput, { container }) => {
    const session = await cartSessionService(container).loadSessionState(input.cart_session_id)
    assertCartSessionVisible(session ?? undefined, input.cart_session_id, input.actor)
    if (input.require_open !== false) {
      assertCartSessionOpen(session!)
    }
    assertCartSessionVersion(session!, input.version)
    const customerId = input.actor?.customer_id
    if (!customerId || session!.customer_id) {
      const sealed = seal(session!)
      return new StepResponse<LoadedCartSession>({ session: sealed, draft: sealed, pricing_scope: pricingScopeOf(session!) })
    }
    let email = session!.email
    if (!email) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: customerId } })
      email = data[0]?.email ?? null
    }
    const draft = { ...session!, customer_id: customerId, email }
    return new StepResponse<LoadedCartSession>({ session: seal(session!), draft: seal(draft), pricing_scope: pricingScopeOf(draft) })
  }
)
