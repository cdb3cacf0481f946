import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../modules/cart-session"
import { priceCartSessionWorkflow, runCartSessionChange } from "../workflows/cart-session"

const BATCH_SIZE = 200

/**
 * Every minute: re-prices the open sessions left unpriced by a change from
 * outside them (coupon edited, product or price changed: see the
 * subscribers), oldest change first. One session failing does not stop the rest.
 */
export default async function repricePendingCartSessionsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const sessions = container.resolve<CartSessionModuleService>(CART_SESSION_MODULE)
  const pending = await sessions.listCartSessions(
    { status: "open", priced: false, expires_at: { $gt: new Date() } },
    { select: ["id"], take: BATCH_SIZE, order: { updated_at: "ASC" } }
  )
  let priced = 0
  for (const { id } of pending) {
    try {
      await runCartSessionChange(priceCartSessionWorkflow, container, { cart_session_id: id })
      priced++
    } catch (error: any) {
      logger.warn(`Could not re-price cart session ${id}: ${error?.message ?? error}`)
    }
  }
  if (pending.length) {
    logger.info(`Re-priced ${priced} of ${pending.length} pending cart session(s)`)
  }
}

export const config = {
  name: "checkout-discounts-reprice-pending-cart-sessions",
  schedule: "* * * * *",
}
