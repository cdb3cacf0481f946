import type { MedusaRequest } from "@medusajs/framework/http"
import type { CartSessionActor, CartSessionChangeInput } from "../../../workflows/cart-session"
import { heldIdempotencyKeyId } from "../../utils/idempotent-route"

type StoreRequest = MedusaRequest<any> & { auth_context?: { actor_id?: string; actor_type?: string } }

/** The logged-in customer, or an anonymous shopper. */
export function actorOf(req: StoreRequest): CartSessionActor {
  const context = req.auth_context
  const customerId = context?.actor_type === "customer" && context.actor_id ? context.actor_id : null
  return { customer_id: customerId }
}

/**
 * The request's `Idempotency-Key` as a change takes it: the change stores its answer (`{ cart_session }`
 * with `status`) with the key in its own transaction. Null without a key.
 */
export function idempotencyOf(req: StoreRequest, status = 200): CartSessionChangeInput["idempotency"] {
  const key_id = heldIdempotencyKeyId(req)
  return key_id ? { key_id, status } : null
}

/** What every change route passes its workflow: the session, the shopper, the version they saw and the request's key. */
export function changeInputOf(req: StoreRequest): CartSessionChangeInput {
  return {
    cart_session_id: req.params.id,
    actor: actorOf(req),
    version: (req.validatedBody as { version?: number } | undefined)?.version,
    idempotency: idempotencyOf(req),
  }
}
