import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCouponsWorkflow } from "../../../workflows/coupon"
import { withPluginErrors } from "../../utils/plugin-error-response"
import { refetchCoupon } from "./helpers"
import { AdminCreateCouponType, AdminGetCouponsParamsType } from "./validators"

/** Lists coupons: `q` searches code and name, filters by `merchant_id` and `is_active`. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetCouponsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: coupons, metadata } = await query.graph({
    entity: "coupon",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
    withDeleted: req.queryConfig.withDeleted,
  })
  res.json({
    coupons,
    count: metadata?.count ?? coupons.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? coupons.length,
  })
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
