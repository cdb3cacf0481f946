import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { releaseAbandonedCouponSeats } from "../workflows/checkout"

/** Every five minutes: coupon seats of carts not completed within the cart session's lifetime go back. */
export default async function releaseAbandonedCouponSeatsJob(container: MedusaContainer) {
  const result = await releaseAbandonedCouponSeats(container)
  if (result.released.length || result.kept_by_orders.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(
        `Coupon seats: ${result.released.length} released from abandoned carts, ${result.kept_by_orders.length} kept by their orders`
      )
  }
}

export const config = {
  name: "checkout-discounts-release-abandoned-coupon-seats",
  schedule: "*/5 * * * *",
}
