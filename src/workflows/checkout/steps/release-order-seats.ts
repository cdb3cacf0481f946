import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"

export type ReleaseOrderSeatsStepInput = { order_id: string }

export const releaseOrderSeatsStepId = "release-order-coupon-seats"

/**
 * Gives back the coupon seats of a cancelled order, under the coupons' row
 * locks: a release repeated or racing another release (or new redemptions)
 * gives each seat back once. Returns the ids released now.
 */
export const releaseOrderSeatsStep = createStep(
  releaseOrderSeatsStepId,
  async ({ order_id }: ReleaseOrderSeatsStepInput, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const seats = await coupons.listCouponRedemptions({ order_id })
    return new StepResponse(await coupons.releaseRedemptions(seats.map((seat) => seat.id)))
  }
)
