import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"

/** Soft-deletes the coupons (their codes become free); compensation restores them. */
export const deleteCouponsStep = createStep(
  "delete-coupons",
  async (ids: string[], { container }) => {
    await container.resolve<CouponModuleService>(COUPON_MODULE).softDeleteCoupons(ids)
    return new StepResponse(ids, ids)
  },
  async (deletedIds, { container }) => {
    if (!deletedIds?.length) {
      return
    }
    await container.resolve<CouponModuleService>(COUPON_MODULE).restoreCoupons(deletedIds)
  }
)
