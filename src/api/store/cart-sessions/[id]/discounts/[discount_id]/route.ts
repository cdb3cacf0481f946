import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { removeCartSessionDiscountsWorkflow } from "../../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../../helpers"
import { StoreCartSessionVersionType } from "../../../validators"

/** Removes one code discount by id. */
export const DELETE = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  await removeCartSessionDiscountsWorkflow(req.scope).run({
    input: { ...changeInputOf(req), discount_id: req.params.discount_id },
  })
  return sessionResponse(req)
})
