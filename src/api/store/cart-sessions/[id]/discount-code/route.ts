import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { runCartSessionChange, setCartSessionPrimaryCodeWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import { StoreSetCartSessionDiscountCodeType } from "../../validators"

/** Sets (`{ code }`) or clears (`{ code: null }`) the session's primary code. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreSetCartSessionDiscountCodeType>) => {
  const cart_session = await runCartSessionChange(setCartSessionPrimaryCodeWorkflow, req.scope, {
    ...changeInputOf(req),
    code: req.validatedBody.code,
  })
  return { body: { cart_session } }
})
