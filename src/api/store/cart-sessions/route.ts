import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { createCartSessionWorkflow } from "../../../workflows/cart-session"
import { idempotentRoute } from "../../utils/idempotent-route"
import { actorOf, idempotencyOf } from "./helpers"
import { StoreCreateCartSessionType } from "./validators"

/** Creates a session in the store's (or the given) region, for the key's sales channel; 201. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreCreateCartSessionType>) => {
  const { result: cart_session } = await createCartSessionWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      publishable_sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [],
      customer_id: actorOf(req).customer_id,
      idempotency: idempotencyOf(req, 201),
    },
  })
  return { status: 201, body: { cart_session } }
})
