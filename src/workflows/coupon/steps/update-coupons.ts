import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService, UpdateCouponInput } from "../../../modules/coupon"

/** Updates the coupons; compensation writes back the fields' previous values. */
export const updateCouponsStep = createStep(
  "update-coupons",
  async (updates: UpdateCouponInput[], { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const changedFields = [...new Set(updates.flatMap((update) => Object.keys(update)))]
    const before = await coupons.listCoupons({ id: updates.map((update) => update.id) })
    const previous = before.map((coupon) => pick(coupon, changedFields) as UpdateCouponInput)
    const updated = await coupons.updateCoupons(updates)
    return new StepResponse(
      updated.map((coupon) => coupon.id),
      previous
    )
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await container.resolve<CouponModuleService>(COUPON_MODULE).updateCoupons(previous)
  }
)

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]))
}
