import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { convertCartSessionWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../helpers"
import { StoreCartSessionVersionType } from "../../validators"

/** Takes the session to checkout: 409 CART_SESSION_DISCOUNT_PENDING while a code waits to be priced. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  await convertCartSessionWorkflow(req.scope).run({ input: changeInputOf(req) })
  return sessionResponse(req)
})
