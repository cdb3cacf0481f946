import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../helpers/service"
import {
  assertCartSessionOpen,
  assertCartSessionVersion,
  assertCartSessionVisible,
  CartSessionActor,
} from "../../../lib/cart-session/session-rules"
import type { SessionForPricing } from "../../../lib/cart-session/pricing-context"
import type { CartSessionState } from "../../../modules/cart-session"

export type LoadCartSessionStepInput = {
  cart_session_id: string
  /** The store customer asking; absent for subscribers, jobs and admins. */
  actor?: CartSessionActor
  /** The version the client last saw, when it sent one. */
  version?: number | null
  /** Defaults to true: a converted, cancelled or expired session is refused. */
  require_open?: boolean
}

export const loadCartSessionStepId = "load-cart-session"

/** What a session's prices depend on, of the session itself (readSessionPricingContext reads the rest). */
function pricingScopeOf(session: CartSessionState): SessionForPricing {
  const { id, region_id, currency_code, sales_channel_id, customer_id, email, metadata } = session
  return { id, region_id, currency_code, sales_channel_id, customer_id, email, metadata }
}

/**
 * Loads a session for a change, once (one statement: lines and discounts
 * from the same snapshot). It must be visible to the actor (else
 * CART_SESSION_NOT_FOUND), open (CART_SESSION_NOT_OPEN) and at the client's
 * version (VERSION_CONFLICT). Returns the session as loaded and the draft
 * the change starts from: a logged-in customer touching an anonymous session
 * makes it theirs (their email too when it has none), as the host does for
 * carts, so their per-customer limits apply from this change on. Also the
 * draft's `pricing_scope` (whom and where it is priced for): a step that needs
 * only that takes it, not the whole session (the workflow engine copies every
 * step's input).
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
      return new StepResponse({ session: session!, draft: session!, pricing_scope: pricingScopeOf(session!) })
    }
    let email = session!.email
    if (!email) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: customerId } })
      email = data[0]?.email ?? null
    }
    const draft = { ...session!, customer_id: customerId, email }
    return new StepResponse({ session: session!, draft, pricing_scope: pricingScopeOf(draft) })
  }
)
