import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { runCartSessionChange, setCartSessionPrimaryCodeWorkflow } from "../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../utils/idempotent-route"
import { withCodeAttempts } from "../../code-attempts"
import { changeInputOf } from "../../helpers"
import { StoreSetCartSessionDiscountCodeType } from "../../validators"

/** Sets (`{ code }`, a code attempt under the `codeAttempts` option) or clears (`{ code: null }`) the session's primary code. */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreSetCartSessionDiscountCodeType>) => {
  const { code } = req.validatedBody
  const cart_session = await withCodeAttempts(
    req,
    { codes: code === null ? [] : [code], outcomesOf: (session) => session.discounts },
    () => runCartSessionChange(setCartSessionPrimaryCodeWorkflow, req.scope, { ...changeInputOf(req), code })
  )
  return { body: { cart_session } }
})
