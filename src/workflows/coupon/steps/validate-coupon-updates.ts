import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_RULE_FIELDS, CouponDTO, UpdateCouponInput } from "../../../modules/coupon"
import { assertCouponCode, assertCouponTerms } from "../../../modules/coupon/utils"
import type { CouponRulesInput } from "../../../lib/coupon-rules"
import { assertCouponRules } from "../helpers/coupon-rules"

const RULE_FIELDS = [...COUPON_RULE_FIELDS, "currency_code"] as const

export type ValidateCouponUpdatesInput = { updates: UpdateCouponInput[]; current: CouponDTO[] }

/**
 * Checks each coupon as it will be after the update (a new value against the
 * stored value_type, new dates against the stored ones, new rules with the
 * stored allocation, …), and a new code's format. The ids of rule lists the
 * update sends must exist in the host; stored ones are not checked again.
 */
export const validateCouponUpdatesStep = createStep(
  "validate-coupon-updates",
  async ({ updates, current }: ValidateCouponUpdatesInput, { container }) => {
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
    const merged = updates.map((update) => {
      const stored = currentById.get(update.id)! as unknown as CouponRulesInput
      return Object.fromEntries(
        RULE_FIELDS.map((field) => [field, update[field] !== undefined ? update[field] : stored[field]])
      ) as CouponRulesInput
    })
    const given = updates.map((update) => ["rules", "target_rules", "buy_rules"].filter((field) => field in update && update[field as keyof typeof update] != null))
    await assertCouponRules(container, merged, given)
    return new StepResponse(void 0)
  }
)
