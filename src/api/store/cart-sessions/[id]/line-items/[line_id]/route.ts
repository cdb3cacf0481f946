import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { updateCartSessionLineItemWorkflow } from "../../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../../helpers"
import { StoreCartSessionVersionType, StoreUpdateCartSessionLineItemType } from "../../../validators"

/** Sets a line's quantity; 0 removes it. */
export const PATCH = idempotentRoute(async (req: MedusaStoreRequest<StoreUpdateCartSessionLineItemType>) => {
  await updateCartSessionLineItemWorkflow(req.scope).run({
    input: { ...changeInputOf(req), line_item_id: req.params.line_id, quantity: req.validatedBody.quantity },
  })
  return sessionResponse(req)
})

/** Removes a line (its merchant's add-ons go with the merchant's last item). */
export const DELETE = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  await updateCartSessionLineItemWorkflow(req.scope).run({
    input: { ...changeInputOf(req), line_item_id: req.params.line_id, quantity: 0 },
  })
  return sessionResponse(req)
})
