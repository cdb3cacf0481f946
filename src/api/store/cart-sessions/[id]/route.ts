import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { retrieveCartSessionView } from "../../../../workflows/cart-session"
import { withPluginErrors } from "../../../utils/plugin-error-response"
import { actorOf } from "../helpers"

/** The whole session: bags, lines, discounts, totals, messages, add-ons offered. */
export const GET = withPluginErrors(async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const cart_session = await retrieveCartSessionView(req.scope, req.params.id, actorOf(req))
  res.json({ cart_session })
})
