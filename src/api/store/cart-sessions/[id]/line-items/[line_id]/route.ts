import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { runCartSessionChange, updateCartSessionLineItemWorkflow } from "../../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../../utils/idempotent-route"
import { changeInputOf } from "../../../helpers"
import { StoreCartSessionVersionType, StoreUpdateCartSessionLineItemType } from "../../../validators"

const setQuantity = async (req: MedusaStoreRequest<any>, quantity: number) => {
  const cart_session = await runCartSessionChange(updateCartSessionLineItemWorkflow, req.scope, {
    ...changeInputOf(req),
    line_item_id: req.params.line_id,
    quantity,
  })
  return { body: { cart_session } }
}

/** Sets a line's quantity; 0 removes it. */
export const PATCH = sessionChangeRoute(async (req: MedusaStoreRequest<StoreUpdateCartSessionLineItemType>) =>
  setQuantity(req, req.validatedBody.quantity)
)

/** Removes a line (its merchant's add-ons go with the merchant's last item). */
export const DELETE = sessionChangeRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => setQuantity(req, 0))
