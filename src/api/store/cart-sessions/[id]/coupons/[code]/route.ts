import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { removeCartSessionDiscountsWorkflow } from "../../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../../utils/idempotent-route"
import { changeInputOf, sessionResponse } from "../../../helpers"
import { StoreCartSessionVersionType } from "../../../validators"

/** Removes a code, compared ignoring case (every merchant scope it was added with). */
export const DELETE = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  await removeCartSessionDiscountsWorkflow(req.scope).run({ input: { ...changeInputOf(req), code: req.params.code } })
  return sessionResponse(req)
})
