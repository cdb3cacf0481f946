import {
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { listCouponsQueryConfig, retrieveCouponQueryConfig } from "./admin/coupons/query-config"
import {
  AdminCreateCoupon,
  AdminGenerateCoupons,
  AdminGetCouponParams,
  AdminGetCouponsParams,
  AdminUpdateCoupon,
} from "./admin/coupons/validators"
import { listMerchantsQueryConfig } from "./admin/merchants/query-config"
import { AdminGetMerchantsParams } from "./admin/merchants/validators"
import { storeCartSessionMiddlewares } from "./store/cart-sessions/middlewares"
import { rejectNulCharacters } from "./utils/reject-nul-characters"

export default defineMiddlewares({
  routes: [
    // Every plugin route, before its own validation (no method: a prefix match).
    ...["/store/cart-sessions", "/admin/coupons", "/admin/merchants"].map((matcher) => ({
      matcher,
      middlewares: [rejectNulCharacters],
    })),
    {
      method: ["GET"],
      matcher: "/admin/merchants",
      middlewares: [validateAndTransformQuery(AdminGetMerchantsParams, listMerchantsQueryConfig)],
    },
    {
      method: ["GET"],
      matcher: "/admin/coupons",
      middlewares: [validateAndTransformQuery(AdminGetCouponsParams, listCouponsQueryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/coupons",
      middlewares: [
        validateAndTransformBody(AdminCreateCoupon),
        validateAndTransformQuery(AdminGetCouponParams, retrieveCouponQueryConfig),
      ],
    },
    {
      // Static paths are matched before /admin/coupons/:id, so this body never meets the update's.
      method: ["POST"],
      matcher: "/admin/coupons/generate",
      middlewares: [validateAndTransformBody(AdminGenerateCoupons)],
    },
    {
      method: ["GET"],
      matcher: "/admin/coupons/:id",
      middlewares: [validateAndTransformQuery(AdminGetCouponParams, retrieveCouponQueryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/coupons/:id",
      middlewares: [
        validateAndTransformBody(AdminUpdateCoupon),
        validateAndTransformQuery(AdminGetCouponParams, retrieveCouponQueryConfig),
      ],
    },
    ...storeCartSessionMiddlewares,
  ],
})
