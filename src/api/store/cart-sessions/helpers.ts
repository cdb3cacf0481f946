import type { MedusaRequest } from "@medusajs/framework/http"
import type { CartSessionActor, CartSessionChangeInput } from "../../../workflows/cart-session"

type StoreRequest = MedusaRequest<any> & { auth_context?: { actor_id?: string; actor_type?: string } }

/** The logged-in customer, or an anonymous shopper. */
export function actorOf(req: StoreRequest): CartSessionActor {
  const context = req.auth_context
  const customerId = context?.actor_type === "customer" && context.actor_id ? context.actor_id : null
  return { customer_id: customerId }
}

/** What every change route passes its workflow: the session, the shopper and the version they saw. */
export function changeInputOf(req: StoreRequest): CartSessionChangeInput {
  return {
    cart_session_id: req.params.id,
    actor: actorOf(req),
    version: (req.validatedBody as { version?: number } | undefined)?.version,
  }
}
