import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshPaymentCollectionForCartWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import { loadHostCartState } from "../../cart-session/host/cart-state"
import { cartSessionService } from "../../cart-session/helpers/service"
import { dropCartDiscounts } from "../cart-discounts"

export type ReleaseAbandonedSeatsStepInput = { now?: string; limit?: number }

export type ReleasedAbandonedSeats = {
  /** Seats given back, their carts' discounts dropped. */
  released: string[]
  /** Seats whose cart turned out to have an order (its order.placed was missed): now the order's. */
  kept_by_orders: string[]
}

export const releaseAbandonedSeatsStepId = "release-abandoned-coupon-seats"

/** A complete runs for seconds; a claim this old belongs to a complete that died. */
export const STALE_CLAIM_MINUTES = 15

/**
 * Seats taken at convert whose cart was not completed within the cart
 * session's lifetime go back to their coupons, and that cart loses the
 * discounts (its payment collection follows). A cart with an order keeps its
 * seats (they become the order's), and so does one a complete is running for
 * (claimed within STALE_CLAIM_MINUTES): the release skips such seats in the
 * same statement that releases, so the two cannot both win. A claim older
 * than that no longer keeps its seat. Seats of a convert that never got its
 * cart, or of a cart that is gone, are given back as they are. A cart none
 * of whose seats is given back by this run is left alone (no event, no
 * payment refresh).
 */
export const releaseAbandonedSeatsStep = createStep(
  releaseAbandonedSeatsStepId,
  async ({ now, limit = 500 }: ReleaseAbandonedSeatsStepInput, { container }) => {
    const at = now ? new Date(now) : new Date()
    const lifetime = cartSessionService(container).getOptions().sessionLifetimeMinutes
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const claimedBefore = new Date(at.getTime() - STALE_CLAIM_MINUTES * 60_000)
    const seats = await coupons.listAbandonedSeats({
      held_before: new Date(at.getTime() - lifetime * 60_000),
      claimed_before: claimedBefore,
      limit,
    })
    const result: ReleasedAbandonedSeats = { released: [], kept_by_orders: [] }
    const goneCarts = new Set<string>()
    const sessionOfCart = new Map(seats.flatMap((seat) => (seat.cart_id ? [[seat.cart_id, seat.cart_session_id]] : [])))
    for (const [cartId, cartSessionId] of sessionOfCart) {
      const cart = await loadHostCartState(container, cartId)
      if (!cart) {
        goneCarts.add(cartId)
      } else if (cart.order_id) {
        result.kept_by_orders.push(...(await coupons.moveSeatsToOrder(cartId, cart.order_id)))
      } else {
        const released = await dropCartDiscounts(container, cart, cartSessionId, "seats_expired", {
          claimed_before: claimedBefore,
        })
        if (released.length) {
          result.released.push(...released)
          await refreshPaymentCollection(container, cartId)
        }
      }
    }
    // Seats of a convert that never got its cart, or of a cart that is gone.
    const orphans = seats.filter((seat) => !seat.cart_id || goneCarts.has(seat.cart_id)).map((seat) => seat.id)
    result.released.push(...(await coupons.releaseRedemptions(orphans, { unclaimed_only: true, claimed_before: claimedBefore })))
    return new StepResponse(result)
  }
)

/**
 * The cart's payment collection follows its new total. The seats are back
 * and the discounts gone whatever happens here: a refresh the host refuses
 * (the cart is being completed, its lock is held) is logged, not allowed to
 * stop the release of the other carts' seats; the host refreshes the payment
 * collection again on the cart's next change.
 */
async function refreshPaymentCollection(container: MedusaContainer, cartId: string) {
  try {
    await refreshPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Coupon seats of cart ${cartId} were released, but its payment collection was not refreshed: ${(error as Error)?.message}`)
  }
}
