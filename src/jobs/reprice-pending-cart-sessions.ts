import { createHash } from "crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../modules/cart-session"
import { priceCartSessionWorkflow, runCartSessionChange } from "../workflows/cart-session"

const BATCH_SIZE = 200

/**
 * A session's id is its shopper's secret and is never logged (docs/security.md): the log names the
 * first 12 hex digits of its SHA-256, which an operator can match in the database
 * (`where encode(sha256(id::bytea), 'hex') like '<digits>%'`).
 */
export const sessionLogReference = (id: string) => `sha256:${createHash("sha256").update(id).digest("hex").slice(0, 12)}`

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
      // The error's message may name the session too: only its code and type are logged.
      logger.warn(
        `Could not re-price cart session ${sessionLogReference(id)}: ${error?.code ?? error?.type ?? error?.name ?? "error"}`
      )
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
