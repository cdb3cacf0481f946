import type { MedusaContainer } from "@medusajs/framework/types"
import { fetchOfferedAddOns } from "../host/offered-add-ons"
import { buildCartSessionView, CartSessionView } from "./cart-session-view"
import { cartSessionService } from "../helpers/service"
import { assertCartSessionVisible, CartSessionActor } from "../../../lib/cart-session/session-rules"

/**
 * The session as the routes answer it (the read model every route shares),
 * read in one statement: a reader never sees part of a change. With an
 * `actor`, another customer's session is CART_SESSION_NOT_FOUND; without one
 * (admins) every session is visible.
 */
export async function retrieveCartSessionView(
  container: MedusaContainer,
  id: string,
  actor?: CartSessionActor
): Promise<CartSessionView> {
  const session = await cartSessionService(container).loadSessionState(id)
  assertCartSessionVisible(session, id, actor)
  return buildCartSessionView(session!, await fetchOfferedAddOns(container, session!))
}
