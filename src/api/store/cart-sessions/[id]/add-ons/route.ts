import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { toggleCartSessionAddOnWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../helpers"
import { StoreToggleCartSessionAddOnType } from "../../validators"

/** Selects or deselects an add-on of a merchant the session buys from. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreToggleCartSessionAddOnType>) => {
  const { add_on_id, selected } = req.validatedBody
  await toggleCartSessionAddOnWorkflow(req.scope).run({ input: { ...changeInputOf(req), add_on_id, selected } })
  return sessionResponse(req)
})
