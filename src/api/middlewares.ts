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
import { listCartSessionsQueryConfig } from "./admin/cart-sessions/query-config"
import {
  AdminCartSessionVersion,
  AdminGetCartSessionsParams,
  AdminSetCartSessionManualDiscounts,
} from "./admin/cart-sessions/validators"
import { listMerchantsQueryConfig } from "./admin/merchants/query-config"
import { AdminGetMerchantsParams } from "./admin/merchants/validators"
import { storeCartSessionMiddlewares } from "./store/cart-sessions/middlewares"
import { rejectInvalidCharacters, undecodablePathErrorHandler } from "./utils/reject-invalid-characters"

/** The paths the plugin serves under. */
const PLUGIN_PREFIXES = ["/store/cart-sessions", "/admin/coupons", "/admin/coupon-rule-attributes", "/admin/merchants", "/admin/cart-sessions"]

export default defineMiddlewares({
  errorHandler: undecodablePathErrorHandler(PLUGIN_PREFIXES),
  routes: [
    // Every plugin route, before its own validation (no method: a prefix match).
    ...PLUGIN_PREFIXES.map((matcher) => ({
      matcher,
      middlewares: [rejectInvalidCharacters],
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
    {
      method: ["GET"],
      matcher: "/admin/cart-sessions",
      middlewares: [validateAndTransformQuery(AdminGetCartSessionsParams, listCartSessionsQueryConfig)],
    },
    {
      method: ["POST"],
      matcher: "/admin/cart-sessions/:id/manual-discounts",
      middlewares: [validateAndTransformBody(AdminSetCartSessionManualDiscounts)],
    },
    {
      method: ["DELETE"],
      matcher: "/admin/cart-sessions/:id/manual-discounts",
      middlewares: [validateAndTransformBody(AdminCartSessionVersion)],
    },
    ...storeCartSessionMiddlewares,
  ],
})
