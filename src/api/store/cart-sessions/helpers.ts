import type { MedusaRequest } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { serializeCartSession, OfferedAddOn } from "../../utils/serialize-cart-session"
import type { RouteResult } from "../../utils/idempotent-route"
import type { CartSessionActor, CartSessionChangeInput } from "../../../workflows/cart-session"
import { fetchAddOnsOfMerchants } from "../../../workflows/cart-session/utils/host-catalogue"
import { CartSessionWithRelations, loadCartSession } from "../../../workflows/cart-session/utils/load"
import { assertCartSessionVisible, isCartSessionOpen } from "../../../workflows/cart-session/utils/session-rules"

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

/** The session as the store sees it; CART_SESSION_NOT_FOUND for another customer's. */
export async function retrieveStoreCartSession(scope: MedusaContainer, id: string, actor: CartSessionActor) {
  const session = await loadCartSession(scope, id)
  assertCartSessionVisible(session, id, actor)
  return serializeCartSession(session, await offeredAddOns(scope, session))
}

/** A route's answer: the whole session after the change. */
export async function sessionResponse(
  req: StoreRequest,
  { id = req.params.id, status = 200 }: { id?: string; status?: number } = {}
): Promise<RouteResult> {
  const cart_session = await retrieveStoreCartSession(req.scope, id, actorOf(req))
  return { status, body: { cart_session } }
}

/** Add-ons of the merchants the shopper buys from (not of merchants present only through add-ons). */
async function offeredAddOns(scope: MedusaContainer, session: CartSessionWithRelations): Promise<OfferedAddOn[]> {
  if (!isCartSessionOpen(session)) {
    return []
  }
  const merchants = [...new Set(session.items.filter((line) => !line.is_add_on).map((line) => line.merchant_id))]
  const addOns = await fetchAddOnsOfMerchants(scope, merchants, session)
  return addOns.map((addOn) => ({
    id: addOn.variant_id,
    product_id: addOn.product_id,
    title: addOn.title,
    merchant_id: addOn.merchant_id,
    unit_price: addOn.unit_price as number,
    selected: session.items.some((line) => line.is_add_on && line.variant_id === addOn.variant_id),
  }))
}
