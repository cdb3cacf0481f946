import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { runCartSessionChange, toggleCartSessionAddOnWorkflow } from "../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import { StoreToggleCartSessionAddOnType } from "../../validators"

/** Selects or deselects an add-on of a merchant the session buys from. */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreToggleCartSessionAddOnType>) => {
  const { add_on_id, selected } = req.validatedBody
  const cart_session = await runCartSessionChange(toggleCartSessionAddOnWorkflow, req.scope, {
    ...changeInputOf(req),
    add_on_id,
    selected,
  })
  return { body: { cart_session } }
})
