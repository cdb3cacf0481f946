import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { removeCartSessionDiscountsWorkflow, runCartSessionChange } from "../../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../../utils/idempotent-route"
import { changeInputOf } from "../../../helpers"
import { StoreCartSessionVersionType } from "../../../validators"

/** Removes a code, compared ignoring case (every row of it, whatever merchant was given). */
export const DELETE = sessionChangeRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  const cart_session = await runCartSessionChange(removeCartSessionDiscountsWorkflow, req.scope, {
    ...changeInputOf(req),
    code: req.params.code,
  })
  return { body: { cart_session } }
})
