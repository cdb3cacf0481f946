import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService, CreateCouponInput } from "../../../modules/coupon"

/** Creates the coupons in one transaction; compensation deletes them. */
export const createCouponsStep = createStep(
  "create-coupons",
  async (coupons: CreateCouponInput[], { container }) => {
    const created = await container.resolve<CouponModuleService>(COUPON_MODULE).createCoupons(coupons)
    return new StepResponse(
      created.map((coupon) => ({ id: coupon.id, code: coupon.code })),
      created.map((coupon) => coupon.id)
    )
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) {
      return
    }
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCoupons(createdIds)
  }
)
