import { authenticate, MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import {
  StoreAddCartSessionCoupon,
  StoreAddCartSessionLineItem,
  StoreCartSessionVersion,
  StoreCreateCartSession,
  StoreSetCartSessionDiscountCode,
  StoreSetCartSessionShippingMethod,
  StoreToggleCartSessionAddOn,
  StoreUpdateCartSession,
  StoreUpdateCartSessionLineItem,
} from "./validators"

/** A logged-in customer is recognised (their sessions are theirs); anonymous shoppers are welcome. */
const shopper = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

const route = (method: MiddlewareRoute["method"], path: string, body?: Parameters<typeof validateAndTransformBody>[0]) => ({
  method,
  matcher: `/store/cart-sessions${path}`,
  middlewares: body ? [shopper, validateAndTransformBody(body)] : [shopper],
})

export const storeCartSessionMiddlewares: MiddlewareRoute[] = [
  route(["POST"], "", StoreCreateCartSession),
  route(["GET"], "/:id"),
  route(["POST"], "/:id", StoreUpdateCartSession),
  route(["GET"], "/:id/shipping-options"),
  route(["POST"], "/:id/shipping-methods", StoreSetCartSessionShippingMethod),
  route(["POST"], "/:id/line-items", StoreAddCartSessionLineItem),
  route(["PATCH"], "/:id/line-items/:line_id", StoreUpdateCartSessionLineItem),
  route(["DELETE"], "/:id/line-items/:line_id", StoreCartSessionVersion),
  route(["POST"], "/:id/add-ons", StoreToggleCartSessionAddOn),
  route(["POST"], "/:id/discount-code", StoreSetCartSessionDiscountCode),
  route(["POST"], "/:id/coupons", StoreAddCartSessionCoupon),
  route(["DELETE"], "/:id/coupons/:code", StoreCartSessionVersion),
  route(["DELETE"], "/:id/discounts/:discount_id", StoreCartSessionVersion),
  route(["POST"], "/:id/price", StoreCartSessionVersion),
  route(["POST"], "/:id/convert", StoreCartSessionVersion),
]
