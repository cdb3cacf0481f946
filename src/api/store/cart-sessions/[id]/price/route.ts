import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { priceCartSessionWorkflow, runCartSessionChange } from "../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import { StoreCartSessionVersionType } from "../../validators"

/** Prices every bag now, at the host's current prices. */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  const cart_session = await runCartSessionChange(priceCartSessionWorkflow, req.scope, {
    ...changeInputOf(req),
    extend_expiry: true,
  })
  return { body: { cart_session } }
})
