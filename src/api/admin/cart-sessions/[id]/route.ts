import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveAdminCartSessionView } from "../../../../workflows/cart-session"
import { withPluginErrors } from "../../../utils/plugin-error-response"

/** The session as the store API gives it, plus its manual discounts with who set them and why. */
export const GET = withPluginErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ cart_session: await retrieveAdminCartSessionView(req.scope, req.params.id) })
})
