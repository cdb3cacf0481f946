import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteCouponsWorkflow, updateCouponsWorkflow } from "../../../../workflows/coupon"
import { withPluginErrors } from "../../../utils/plugin-error-response"
import { refetchCoupon } from "../helpers"
import { AdminGetCouponParamsType, AdminUpdateCouponType } from "../validators"

export const GET = withPluginErrors(
  async (req: AuthenticatedMedusaRequest<unknown, AdminGetCouponParamsType>, res: MedusaResponse) => {
    const coupon = await refetchCoupon(req.params.id, req.scope, req.queryConfig.fields)
    res.json({ coupon })
  }
)

export const POST = withPluginErrors(
  async (req: AuthenticatedMedusaRequest<AdminUpdateCouponType>, res: MedusaResponse) => {
    await updateCouponsWorkflow(req.scope).run({
      input: { coupons: [{ ...req.validatedBody, id: req.params.id }] },
    })
    const coupon = await refetchCoupon(req.params.id, req.scope, req.queryConfig.fields)
    res.json({ coupon })
  }
)

export const DELETE = withPluginErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteCouponsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "coupon", deleted: true })
})
