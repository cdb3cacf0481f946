import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { addCartSessionLineItemsWorkflow, runCartSessionChange } from "../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import { StoreAddCartSessionLineItemType } from "../../validators"

/** Adds a variant at the host's price; a variant already in the session adds to its quantity. */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreAddCartSessionLineItemType>) => {
  const { variant_id, quantity } = req.validatedBody
  const cart_session = await runCartSessionChange(addCartSessionLineItemsWorkflow, req.scope, {
    ...changeInputOf(req),
    items: [{ variant_id, quantity }],
  })
  return { body: { cart_session } }
})
