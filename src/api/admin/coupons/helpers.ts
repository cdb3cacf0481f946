import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CouponRulesInput } from "../../../lib/coupon-rules"
import { describeCouponRulesForAdmin } from "../../../workflows/coupon"
import { COUPON_RULE_FIELDS } from "../../../modules/coupon"

/**
 * The coupon as the admin API shows it, with its rules in sentences
 * (`rules_description`, docs/coupon-rules.md); `COUPON_NOT_FOUND` when there is none.
 */
export async function refetchCoupon(id: string, scope: MedusaContainer, fields: string[]) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [coupon],
  } = await query.graph({ entity: "coupon", fields, filters: { id } })
  if (!coupon) {
    throw new CheckoutDiscountError("COUPON_NOT_FOUND", `Coupon ${id} was not found`)
  }
  // The sentences read the rule fields: answered with them, and left out when `fields` asks for none.
  if (!COUPON_RULE_FIELDS.some((field) => fields.includes(field))) {
    return coupon
  }
  return { ...coupon, rules_description: await describeCouponRulesForAdmin(scope, coupon as CouponRulesInput) }
}
