import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CreateCouponInput } from "../../../modules/coupon"
import { assertCouponCode, assertCouponTerms } from "../../../modules/coupon/utils"

/** Refuses a malformed code or terms that do not fit together, before anything is written. */
export const validateNewCouponsStep = createStep(
  "validate-new-coupons",
  async (coupons: CreateCouponInput[]) => {
    for (const coupon of coupons) {
      assertCouponCode(coupon.code)
      assertCouponTerms(coupon)
    }
    return new StepResponse(void 0)
  }
)
