import { defineMiddlewares, validateAndTransformQuery } from "@medusajs/framework/http"
import { listMerchantsQueryConfig } from "./admin/merchants/query-config"
import { AdminGetMerchantsParams } from "./admin/merchants/validators"

export default defineMiddlewares({
  routes: [
    {
      method: ["GET"],
      matcher: "/admin/merchants",
      middlewares: [validateAndTransformQuery(AdminGetMerchantsParams, listMerchantsQueryConfig)],
    },
  ],
})
