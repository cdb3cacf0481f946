import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { removeCartSessionDiscountsWorkflow, runCartSessionChange } from "../../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../../utils/idempotent-route"
import { changeInputOf } from "../../../helpers"
import { StoreCartSessionVersionType } from "../../../validators"

/** Removes one code discount by id. */
export const DELETE = sessionChangeRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  const cart_session = await runCartSessionChange(removeCartSessionDiscountsWorkflow, req.scope, {
    ...changeInputOf(req),
    discount_id: req.params.discount_id,
  })
  return { body: { cart_session } }
})
