import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { createCartSessionWorkflow } from "../../../workflows/cart-session"
import { sessionChangeRoute } from "../../utils/idempotent-route"
import { withCodeAttempts } from "./code-attempts"
import { actorOf, idempotencyOf } from "./helpers"
import { StoreCreateCartSessionType } from "./validators"

/**
 * Creates a session in the store's (or the given) region, for the key's sales
 * channel; 201. Codes given with it are code attempts of the client and of the
 * new session (`codeAttempts` option).
 */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreCreateCartSessionType>) => {
  const cart_session = await withCodeAttempts(
    req,
    {
      codes: (req.validatedBody.discounts ?? []).map((discount) => discount.code),
      outcomesOf: (session) => session.discounts,
      createdSessionOf: (session) => session.id,
    },
    async () =>
      (
        await createCartSessionWorkflow(req.scope).run({
          input: {
            ...req.validatedBody,
            publishable_sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [],
            customer_id: actorOf(req).customer_id,
            idempotency: idempotencyOf(req, 201),
          },
        })
      ).result
  )
  return { status: 201, body: { cart_session } }
})
