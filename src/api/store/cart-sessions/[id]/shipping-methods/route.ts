import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { runCartSessionChange, setCartSessionShippingMethodWorkflow } from "../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import type { StoreSetCartSessionShippingMethodType } from "../../validators"

/** Sets a bag's shipping method (one of the options offered to it), replacing its earlier one. */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreSetCartSessionShippingMethodType>) => {
  const { merchant_id, option_id } = req.validatedBody
  const cart_session = await runCartSessionChange(setCartSessionShippingMethodWorkflow, req.scope, {
    ...changeInputOf(req),
    merchant_id,
    option_id,
  })
  return { body: { cart_session } }
})
