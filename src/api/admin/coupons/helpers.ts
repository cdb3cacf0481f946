import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../../lib/errors"

/** The coupon as the admin API shows it; `COUPON_NOT_FOUND` when there is none. */
export async function refetchCoupon(id: string, scope: MedusaContainer, fields: string[]) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [coupon],
  } = await query.graph({ entity: "coupon", fields, filters: { id } })
  if (!coupon) {
    throw new CheckoutDiscountError("COUPON_NOT_FOUND", `Coupon ${id} was not found`)
  }
  return coupon
}
