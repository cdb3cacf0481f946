import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CreateCouponInput } from "../../../modules/coupon"
import { assertCouponCode, assertCouponTerms } from "../../../modules/coupon/utils"
import { assertCouponRules } from "../helpers/coupon-rules"

/**
 * Refuses a malformed code, terms that do not fit together, or rules this
 * store cannot evaluate (unknown attributes, operators, values, ids the host
 * does not have), before anything is written.
 */
export const validateNewCouponsStep = createStep(
  "validate-new-coupons",
  async (coupons: CreateCouponInput[], { container }) => {
    for (const coupon of coupons) {
      assertCouponCode(coupon.code)
      assertCouponTerms(coupon)
    }
    // Generated coupons share one template: its rules are checked once.
    await assertCouponRules(container, coupons.slice(0, coupons.every((coupon) => sameRules(coupon, coupons[0])) ? 1 : undefined))
    return new StepResponse(void 0)
  }
)

function sameRules(left: CreateCouponInput, right: CreateCouponInput): boolean {
  const rulesOf = ({ code: _code, ...rest }: CreateCouponInput) => JSON.stringify(rest)
  return rulesOf(left) === rulesOf(right)
}
