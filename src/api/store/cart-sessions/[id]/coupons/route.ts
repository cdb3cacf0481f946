import type { MedusaStoreRequest } from "@medusajs/framework/http"
import {
  addCartSessionCodesWorkflow,
  previewCartSessionCodeWorkflow,
  retrieveCartSessionView,
  runCartSessionChange,
} from "../../../../../workflows/cart-session"
import { sessionChangeRoute } from "../../../../utils/idempotent-route"
import { withCodeAttempts } from "../../code-attempts"
import { actorOf, changeInputOf } from "../../helpers"
import { StoreAddCartSessionCouponType } from "../../validators"

/**
 * Adds a code; a merchant given with it chooses between coupons sharing the
 * code. With `validate_only` answers `{ preview, cart_session }` and changes
 * nothing, not even the version. Either way the code is a code attempt
 * (`codeAttempts` option).
 */
export const POST = sessionChangeRoute(async (req: MedusaStoreRequest<StoreAddCartSessionCouponType>) => {
  const { code, merchant_id, validate_only } = req.validatedBody
  const wanted = { code, merchant_id: merchant_id ?? null }
  if (!validate_only) {
    const cart_session = await withCodeAttempts(
      req,
      { codes: [code], outcomesOf: (session) => session.discounts },
      () => runCartSessionChange(addCartSessionCodesWorkflow, req.scope, { ...changeInputOf(req), codes: [wanted] })
    )
    return { body: { cart_session } }
  }
  const preview = await withCodeAttempts(
    req,
    { codes: [code], outcomesOf: (previewed) => [previewed] },
    async () => (await previewCartSessionCodeWorkflow(req.scope).run({ input: { ...changeInputOf(req), code: wanted } })).result
  )
  const cart_session = await retrieveCartSessionView(req.scope, req.params.id, actorOf(req))
  return { body: { preview, cart_session } }
})
