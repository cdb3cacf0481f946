import type { MedusaRequest } from "@medusajs/framework/http"
import type { CartSessionActor, CartSessionChangeInput } from "../../../workflows/cart-session"
import { pendingIdempotencyKey } from "../../utils/idempotent-route"

type StoreRequest = MedusaRequest<any> & { auth_context?: { actor_id?: string; actor_type?: string } }

/** The logged-in customer, or an anonymous shopper. */
export function actorOf(req: StoreRequest): CartSessionActor {
  const context = req.auth_context
  const customerId = context?.actor_type === "customer" && context.actor_id ? context.actor_id : null
  return { customer_id: customerId }
}

/**
 * The request's `Idempotency-Key` as a change takes it: with its answer (`{ cart_session }` with
 * `status`), in the change's own transaction. Null without a key, or on a route that takes its key
 * before it runs (`idempotentRoute` without `keyTakenByChange`).
 */
export function idempotencyOf(req: StoreRequest, status = 200): CartSessionChangeInput["idempotency"] {
  const pending = pendingIdempotencyKey(req)
  return pending ? { pending, status } : null
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
