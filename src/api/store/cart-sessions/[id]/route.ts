import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { MedusaStoreRequest as ChangeRequest } from "@medusajs/framework/http"
import { retrieveCartSessionView, runCartSessionChange, updateCartSessionWorkflow } from "../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../utils/idempotent-route"
import { withPluginErrors } from "../../../utils/plugin-error-response"
import { actorOf, changeInputOf } from "../helpers"
import type { StoreUpdateCartSessionType } from "../validators"

/** The whole session: bags, lines, discounts, totals, messages, add-ons offered. */
export const GET = withPluginErrors(async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const cart_session = await retrieveCartSessionView(req.scope, req.params.id, actorOf(req))
  res.json({ cart_session })
})

/**
 * Sets the shopper's email and shipping address (docs/shipping-and-tax.md): the address must be in the
 * session's region; the bags' shipping methods are checked again for it and the host's tax rates read.
 */
export const POST = sessionChangeRoute(async (req: ChangeRequest<StoreUpdateCartSessionType>) => {
  const { email, shipping_address } = req.validatedBody
  const cart_session = await runCartSessionChange(updateCartSessionWorkflow, req.scope, {
    ...changeInputOf(req),
    email,
    shipping_address,
  })
  return { body: { cart_session } }
})
