import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService } from "../../modules/coupon"
import { CartSessionEvents } from "../cart-session/events"
import {
  bagPricesToRestore,
  cartHasSessionLines,
  HostCartLine,
  type HostCartShippingMethod,
  pluginAdjustmentIdsOf,
} from "../../lib/cart-session/host-cart"
import { HostCartState, loadHostCartState } from "../cart-session/host/cart-state"
import { cartSessionService } from "../cart-session/helpers/service"

/** Why a host cart lost the discounts its cart session gave it. */
export type DroppedReason = "cart_changed" | "seats_expired"

/**
 * Takes the plugin's adjustments off a host cart and gives back the coupon
 * seats its cart session took (seats of an order or of a running complete
 * are kept; with `claimed_before`, a claim older than that no longer keeps
 * its seat: its complete died), then says so on the bus. The cart is charged
 * in full from then on. For `seats_expired` the discounts go with the seats:
 * when none is given back now (a complete claimed them meanwhile, or another
 * run released them and dropped the discounts then), nothing changes and
 * nothing is said. Returns the seats given back.
 */
export async function dropCartDiscounts(
  container: MedusaContainer,
  cart: Pick<HostCartState, "id" | "items">,
  cartSessionId: string | null,
  reason: DroppedReason,
  options: { claimed_before?: Date } = {}
) {
  const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
  const seats = await coupons.listCouponRedemptions({ cart_id: cart.id, order_id: null })
  const released = await coupons.releaseRedemptions(
    seats.map((seat) => seat.id),
    { unclaimed_only: true, claimed_before: options.claimed_before }
  )
  if (reason === "seats_expired" && !released.length) {
    return released
  }
  const adjustmentIds = pluginAdjustmentIdsOf(cart.items)
  if (adjustmentIds.length) {
    await container.resolve(Modules.CART).softDeleteLineItemAdjustments(adjustmentIds)
  }
  await container.resolve(Modules.EVENT_BUS).emit({
    name: CartSessionEvents.DISCOUNTS_DROPPED,
    data: { id: cartSessionId, cart_id: cart.id, reason, released_seat_ids: released },
  })
  return released
}

/**
 * Run on every refresh of a host cart (refreshCartItemsWorkflow, before it
 * reads the cart back): when a cart made by convert no longer has the lines
 * the session had (a line added, removed or its quantity changed), the
 * discounts priced for those lines are dropped and their seats given back.
 * A refresh that changes no line (email, address, shipping method) keeps them.
 */
export async function dropDiscountsOfChangedCart(container: MedusaContainer, cartId: string) {
  const cart = await loadHostCartState(container, cartId)
  if (!cart || !pluginAdjustmentIdsOf(cart.items).length) {
    return
  }
  const session = await cartSessionService(container).loadSessionStateOfCart(cartId)
  if (session && cartHasSessionLines(session, cart.items)) {
    return
  }
  await dropCartDiscounts(container, cart, session?.id ?? null, "cart_changed")
}

/**
 * Run as the host completes a cart (completeCartWorkflow's validate hook,
 * with the cart as the host read it: lines, their metadata and adjustments):
 * a cart carrying the plugin's discounts claims its coupon seats, so no
 * release of abandoned seats gives them back while the order is made. A cart
 * whose seats were released, or whose lines are no longer the session's, is
 * refused (400 CART_DISCOUNTS_RELEASED). Returns the seats claimed, which a
 * failed complete unclaims.
 */
export async function claimSeatsOfCompletingCart(
  container: MedusaContainer,
  cart: { id: string; items?: (HostCartLine | null)[] | null }
): Promise<string[]> {
  const cartId = cart.id
  const lines = (cart.items ?? []).filter((line): line is HostCartLine => !!line)
  if (!pluginAdjustmentIdsOf(lines).length) {
    return []
  }
  const session = await cartSessionService(container).loadSessionStateOfCart(cartId)
  const expected = (session?.discounts ?? []).filter(
    (discount) => discount.type !== "MANUAL" && discount.status === "APPLIED" && discount.coupon_id
  ).length
  const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
  const claimed = await coupons.claimCartSeats(cartId)
  if (!session || claimed.length < expected || !cartHasSessionLines(session, lines)) {
    await coupons.unclaimSeats(claimed.map((seat) => seat.id))
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Cart ${cartId} carries discounts of cart session ${session?.id ?? "(gone)"} that no longer hold ` +
        `(${claimed.length} of ${expected} coupon uses still reserved): convert the session again or remove the items`,
      "CART_DISCOUNTS_RELEASED"
    )
  }
  return claimed.map((seat) => seat.id)
}

/**
 * Puts back the bag's price (kept in the method's metadata at convert) on every shipping method of the cart
 * that the host re-priced from the whole cart. One read of the cart's methods; a write only when one differs.
 */
export async function restoreBagShippingPrices(container: MedusaContainer, cartId: string) {
  const cartModule = container.resolve(Modules.CART)
  const methods = await cartModule.listShippingMethods({ cart_id: cartId }, { select: ["id", "amount", "metadata"] })
  const restore = bagPricesToRestore(methods as unknown as HostCartShippingMethod[])
  if (restore.length) {
    await cartModule.updateShippingMethods(restore)
  }
}
