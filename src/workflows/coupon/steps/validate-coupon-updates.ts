import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CouponDTO, UpdateCouponInput } from "../../../modules/coupon"
import { assertCouponCode, assertCouponTerms } from "../../../modules/coupon/utils"

export type ValidateCouponUpdatesInput = { updates: UpdateCouponInput[]; current: CouponDTO[] }

/**
 * Checks each coupon as it will be after the update (a new value against the
 * stored value_type, new dates against the stored ones, …), and a new code's format.
 */
export const validateCouponUpdatesStep = createStep(
  "validate-coupon-updates",
  async ({ updates, current }: ValidateCouponUpdatesInput) => {
    const currentById = new Map(current.map((coupon) => [coupon.id, coupon]))
    for (const update of updates) {
      if (update.code !== undefined) {
        assertCouponCode(update.code)
      }
      const stored = currentById.get(update.id)!
      assertCouponTerms({
        value_type: update.value_type ?? stored.value_type,
        value: update.value ?? Number(stored.value),
        currency_code: update.currency_code !== undefined ? update.currency_code : stored.currency_code,
        min_subtotal:
          update.min_subtotal !== undefined
            ? update.min_subtotal
            : stored.min_subtotal === null
              ? null
              : Number(stored.min_subtotal),
        starts_at: update.starts_at !== undefined ? update.starts_at : stored.starts_at,
        ends_at: update.ends_at !== undefined ? update.ends_at : stored.ends_at,
      })
    }
    return new StepResponse(void 0)
  }
)
