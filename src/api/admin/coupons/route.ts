import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createCouponsWorkflow } from "../../../workflows/coupon"
import { listEntities } from "../../utils/list-entities"
import { withPluginErrors } from "../../utils/plugin-error-response"
import { refetchCoupon } from "./helpers"
import { AdminCreateCouponType, AdminGetCouponsParamsType } from "./validators"

/** Lists coupons: `q` searches code and name, filters by `merchant_id` and `is_active`. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetCouponsParamsType>,
  res: MedusaResponse
) => {
  res.json(await listEntities(req, "coupon", "coupons"))
}

export const POST = withPluginErrors(
  async (req: AuthenticatedMedusaRequest<AdminCreateCouponType>, res: MedusaResponse) => {
    const { result } = await createCouponsWorkflow(req.scope).run({
      input: { coupons: [req.validatedBody] },
    })
    const coupon = await refetchCoupon(result[0].id, req.scope, req.queryConfig.fields)
    res.json({ coupon })
  }
)
