import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"

/** The live coupons with the given ids; `COUPON_NOT_FOUND` naming any that is missing. */
export const loadCouponsStep = createStep(
  "load-coupons",
  async (ids: string[], { container }) => {
    const coupons = await container.resolve<CouponModuleService>(COUPON_MODULE).listCoupons({ id: ids })
    const found = new Set(coupons.map((coupon) => coupon.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) {
      throw new CheckoutDiscountError("COUPON_NOT_FOUND", `Coupon ${missing.join(", ")} was not found`)
    }
    return new StepResponse(coupons)
  }
)
