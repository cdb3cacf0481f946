import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listAdminCartSessions } from "../../../workflows/cart-session"
import { withPluginErrors } from "../../utils/plugin-error-response"
import { AdminGetCartSessionsParamsType } from "./validators"

/**
 * Lists sessions, newest first: filters `status`, `customer_id`, `email`,
 * `q` (part of the email or id), `created_at[$gte|$gt|$lte|$lt]`,
 * `has_codes`, `has_manual_discounts`; `limit`, `offset`, `order` as for coupons.
 */
export const GET = withPluginErrors(
  async (req: AuthenticatedMedusaRequest<unknown, AdminGetCartSessionsParamsType>, res: MedusaResponse) => {
    const filters = req.filterableFields as Omit<AdminGetCartSessionsParamsType, "limit" | "offset" | "order">
    const { skip = 0, take = 50, order } = req.queryConfig.pagination
    res.json(await listAdminCartSessions(req.scope, filters, { skip, take, order: order as Record<string, string> }))
  }
)
