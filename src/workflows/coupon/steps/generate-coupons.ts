import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService, GenerateCouponsInput } from "../../../modules/coupon"

/**
 * Creates `count` coupons with random unused codes and the template's terms, in one transaction (all
 * or none; the module's `generateCoupons`); compensation deletes them. Answers each coupon's id and code.
 */
export const generateCouponsStep = createStep(
  "generate-coupons",
  async (input: GenerateCouponsInput, { container }) => {
    const created = await container.resolve<CouponModuleService>(COUPON_MODULE).generateCoupons(input)
    return new StepResponse(created, created.map((coupon) => coupon.id))
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) {
      return
    }
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteGeneratedCoupons(createdIds)
  }
)
