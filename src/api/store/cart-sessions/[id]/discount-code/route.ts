import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { setCartSessionPrimaryCodeWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../helpers"
import { StoreSetCartSessionDiscountCodeType } from "../../validators"

/** Sets (`{ code }`) or clears (`{ code: null }`) the session's primary code. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreSetCartSessionDiscountCodeType>) => {
  await setCartSessionPrimaryCodeWorkflow(req.scope).run({
    input: { ...changeInputOf(req), code: req.validatedBody.code },
  })
  return sessionResponse(req)
})
