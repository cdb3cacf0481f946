import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { releaseAbandonedCouponSeatsWorkflow } from "../workflows/checkout"

const BATCH_SIZE = 500

/** Every five minutes: coupon seats of carts not completed within the cart session's lifetime go back. */
export default async function releaseAbandonedCouponSeatsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let handled: number
  do {
    const { result } = await releaseAbandonedCouponSeatsWorkflow(container).run({
      input: { now: new Date().toISOString(), limit: BATCH_SIZE },
    })
    handled = result.released.length + result.kept_by_orders.length
    if (handled) {
      logger.info(
        `Coupon seats: ${result.released.length} released from abandoned carts, ${result.kept_by_orders.length} kept by their orders`
      )
    }
  } while (handled === BATCH_SIZE)
}

export const config = {
  name: "checkout-discounts-release-abandoned-coupon-seats",
  schedule: "*/5 * * * *",
}
