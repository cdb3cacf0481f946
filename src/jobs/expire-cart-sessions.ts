import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { expireCartSessionsWorkflow } from "../workflows/cart-session"

const BATCH_SIZE = 1000

/** Every five minutes: open sessions past `expires_at` become `expired`. */
export default async function expireCartSessionsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let expired: string[]
  do {
    const { result } = await expireCartSessionsWorkflow(container).run({
      input: { now: new Date(), limit: BATCH_SIZE },
    })
    expired = result
    if (expired.length) {
      logger.info(`Expired ${expired.length} cart session(s)`)
    }
  } while (expired.length === BATCH_SIZE)
}

export const config = {
  name: "checkout-discounts-expire-cart-sessions",
  schedule: "*/5 * * * *",
}
