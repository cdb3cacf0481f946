import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { priceCartSessionWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../helpers"
import { StoreCartSessionVersionType } from "../../validators"

/** Prices every bag now, at the host's current prices. */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  await priceCartSessionWorkflow(req.scope).run({ input: { ...changeInputOf(req), extend_expiry: true } })
  return sessionResponse(req)
})
