import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { addCartSessionLineItemsWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../helpers"
import { StoreAddCartSessionLineItemType } from "../../validators"

/** Adds a variant at the host's price; a variant already in the session adds to its quantity. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreAddCartSessionLineItemType>) => {
  const { variant_id, quantity } = req.validatedBody
  await addCartSessionLineItemsWorkflow(req.scope).run({
    input: { ...changeInputOf(req), items: [{ variant_id, quantity }] },
  })
  return sessionResponse(req)
})
