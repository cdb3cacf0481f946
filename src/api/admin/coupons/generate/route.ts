import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateCouponsWorkflow } from "../../../../workflows/coupon"
import { withPluginErrors } from "../../../utils/plugin-error-response"
import { AdminGenerateCouponsType } from "../validators"

/** Creates `count` coupons with random codes after `prefix`, all or none. */
export const POST = withPluginErrors(
  async (req: AuthenticatedMedusaRequest<AdminGenerateCouponsType>, res: MedusaResponse) => {
    const { prefix, count, length, ...template } = req.validatedBody
    const { result } = await generateCouponsWorkflow(req.scope).run({
      input: { prefix, count, length, template },
    })
    res.json(result)
  }
)
