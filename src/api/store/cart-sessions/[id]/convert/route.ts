import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { convertCartSessionWorkflow, runCartSessionChange } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import { StoreCartSessionVersionType } from "../../validators"

/**
 * Takes the session to checkout: 409 CART_SESSION_DISCOUNT_PENDING while a
 * code waits to be priced, 409 CART_SESSION_DISCOUNT_CHANGED when pricing it
 * again now changed a code's status.
 */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  const cart_session = await runCartSessionChange(convertCartSessionWorkflow, req.scope, changeInputOf(req))
  return { body: { cart_session } }
})
