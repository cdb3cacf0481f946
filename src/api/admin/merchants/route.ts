import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AdminGetMerchantsParamsType } from "./validators"

/** Lists the merchants named by the store's products. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetMerchantsParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: merchants, metadata } = await query.graph({
    entity: "merchant",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    merchants,
    count: metadata?.count ?? merchants.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? merchants.length,
  })
}
