import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listEntities } from "../../utils/list-entities"
import { AdminGetMerchantsParamsType } from "./validators"

/** Lists the merchants named by the store's products. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetMerchantsParamsType>,
  res: MedusaResponse
) => {
  res.json(await listEntities(req, "merchant", "merchants"))
}
