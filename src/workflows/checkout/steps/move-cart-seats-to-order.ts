import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"

export type MoveCartSeatsToOrderStepInput = { order_id: string }

export const moveCartSeatsToOrderStepId = "move-cart-coupon-seats-to-order"

/**
 * The coupon seats of the cart an order was placed from become the order's
 * redemptions (coupon, order, customer, amount). Repeating it (an event
 * delivered twice, a retried complete) changes nothing. No compensation:
 * the seats were already taken, only their holder changes.
 */
export const moveCartSeatsToOrderStep = createStep(
  moveCartSeatsToOrderStepId,
  async ({ order_id }: MoveCartSeatsToOrderStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ["id", "cart.id"], filters: { id: order_id } })
    const cartId: string | undefined = (data[0] as any)?.cart?.id
    const seats = cartId
      ? await container.resolve<CouponModuleService>(COUPON_MODULE).moveSeatsToOrder(cartId, order_id)
      : []
    return new StepResponse(seats)
  }
)
