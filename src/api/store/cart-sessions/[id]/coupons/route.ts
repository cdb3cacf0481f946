import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { fromMinorUnits } from "../../../../../lib/pricing"
import { addCartSessionCodesWorkflow, previewCartSessionCodeWorkflow } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import type { SerializedCartSession } from "../../../../utils/serialize-cart-session"
import { changeInputOf, sessionResponse } from "../../helpers"
import { StoreAddCartSessionCouponType } from "../../validators"

/**
 * Adds a code, store-wide or for one merchant's bag. With `validate_only`
 * answers `{ preview, cart_session }` and changes nothing, not even the version.
 */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreAddCartSessionCouponType>) => {
  const { code, merchant_id, validate_only } = req.validatedBody
  const wanted = { code, merchant_id: merchant_id ?? null }
  if (!validate_only) {
    await addCartSessionCodesWorkflow(req.scope).run({ input: { ...changeInputOf(req), codes: [wanted] } })
    return sessionResponse(req)
  }
  const { result: preview } = await previewCartSessionCodeWorkflow(req.scope).run({
    input: { ...changeInputOf(req), code: wanted },
  })
  const { body } = await sessionResponse(req)
  const { cart_session } = body as { cart_session: SerializedCartSession }
  const saving = fromMinorUnits(preview.saving, cart_session.currency_code)
  return { body: { preview: { ...preview, saving }, cart_session } }
})
