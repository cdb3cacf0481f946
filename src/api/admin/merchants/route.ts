import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MERCHANT_MODULE, MerchantModuleService } from "../../../modules/merchant"
import { listLinkedMerchants } from "../../../workflows"
import { listEntities } from "../../utils/list-entities"
import { AdminGetMerchantsParamsType } from "./validators"

/**
 * Lists the store's merchants: those its products name (the merchant directory) or, with the option
 * `merchantLink`, every entity of the link (a marketplace's sellers, by their names) after the fallback
 * merchant.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetMerchantsParamsType>,
  res: MedusaResponse
) => {
  if (req.scope.resolve<MerchantModuleService>(MERCHANT_MODULE).merchantLink()) {
    const { skip = 0, take = 50, order } = req.queryConfig.pagination ?? {}
    res.json(await listLinkedMerchants(req.scope, req.validatedQuery.q as string | undefined, { skip, take, order }))
    return
  }
  res.json(await listEntities(req, "merchant", "merchants"))
}
