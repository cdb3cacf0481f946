import { z } from "@medusajs/framework/zod"
import type { PluginErrorCode } from "../lib/errors"
import * as store from "../api/store/cart-sessions/validators"
import * as adminSessions from "../api/admin/cart-sessions/validators"
import * as adminCoupons from "../api/admin/coupons/validators"
import { AdminGetMerchantsParams } from "../api/admin/merchants/validators"
import * as responses from "../api/admin/responses"
import {
  AdminCartSessionListRowSchema,
  AdminCartSessionSchema,
  CartSessionCodePreviewSchema,
  CartSessionSchema,
  CartSessionShippingOptionsBagSchema,
} from "../workflows/cart-session"

/**
 * Every route of the plugin as docs/openapi.yaml describes it: its request schemas (the very zod
 * schemas src/api/middlewares.ts validates with), its answer's schema, and the plugin's machine codes
 * it can refuse with (docs/errors.md). The unit test src/openapi/__tests__ fails when a route.ts
 * exports a method this list lacks, or the other way round.
 */
export type Operation = {
  method: "get" | "post" | "patch" | "delete"
  /** As the host matches it: `/store/cart-sessions/:id`. */
  path: string
  summary: string
  description?: string
  tag: string
  query?: z.ZodObject<any>
  body?: z.ZodType
  /** A body that may be left out (a DELETE whose only field is `version`). */
  bodyOptional?: boolean
  response: { status: 200 | 201; schema: z.ZodType; description: string }
  /** Wrapped in idempotentRoute or sessionChangeRoute: takes `Idempotency-Key`, answers `Idempotent-Replayed` on a replay. */
  idempotent?: boolean
  /** Plugin codes besides those every route of its kind can answer. */
  errors: PluginErrorCode[]
}

const cartSession = z.object({ cart_session: CartSessionSchema }).strict()
const adminCartSession = z.object({ cart_session: AdminCartSessionSchema }).strict()

/** Every change of a session: loading it, the version, the turn, re-pricing, the key. */
const SESSION_CHANGE: PluginErrorCode[] = [
  "CART_SESSION_NOT_FOUND",
  "CART_SESSION_NOT_OPEN",
  "VERSION_CONFLICT",
  "CART_SESSION_BUSY",
  "AMOUNT_OUT_OF_RANGE",
  "PRICING_FAILED",
]
/** Reading a session: its totals come from the pricing core, whose refusals have codes too. */
const SESSION_READ: PluginErrorCode[] = ["CART_SESSION_NOT_FOUND", "AMOUNT_OUT_OF_RANGE", "PRICING_FAILED"]
/** Routes that look codes up (the `codeAttempts` option counts them). */
const CODE_LOOKUP: PluginErrorCode[] = ["COUPON_CODE_INVALID_FORMAT", "TOO_MANY_CODES", "CART_SESSION_CODE_ATTEMPTS_EXCEEDED"]

const sessions = "Store: cart sessions"
const changeOf = (
  method: Operation["method"],
  path: string,
  summary: string,
  body: z.ZodType,
  errors: PluginErrorCode[] = [],
  extra: Partial<Operation> = {}
): Operation => ({
  method,
  path: `/store/cart-sessions${path}`,
  summary,
  tag: sessions,
  body,
  response: { status: 200, schema: cartSession, description: "The whole session after the change." },
  idempotent: true,
  errors: [...SESSION_CHANGE, ...errors],
  ...extra,
})

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/store/cart-sessions",
    summary: "Create a cart session",
    description:
      "In the store's (or the given) region, for the publishable key's sales channel; `items` and `discounts` are " +
      "added and priced at once. The fields the host's `POST /store/carts` takes are checked for consistency.",
    tag: sessions,
    body: store.StoreCreateCartSession,
    response: { status: 201, schema: cartSession, description: "The new session." },
    idempotent: true,
    errors: [
      "REGION_NOT_FOUND",
      "SALES_CHANNEL_NOT_ALLOWED",
      "CURRENCY_NOT_SUPPORTED",
      "REGION_CURRENCY_MISMATCH",
      "VARIANT_NOT_FOUND",
      "VARIANT_NOT_PRICED",
      "QUANTITY_OUT_OF_RANGE",
      ...CODE_LOOKUP,
      "AMOUNT_OUT_OF_RANGE",
      "PRICING_FAILED",
    ],
  },
  {
    method: "get",
    path: "/store/cart-sessions/:id",
    summary: "Retrieve a cart session",
    description: "Another customer's session is not found.",
    tag: sessions,
    response: { status: 200, schema: cartSession, description: "The whole session." },
    errors: SESSION_READ,
  },
  changeOf("post", "/:id", "Set the email and shipping address", store.StoreUpdateCartSession, ["SHIPPING_ADDRESS_INVALID"], {
    description: "The address must be in the session's region; the bags' shipping methods are checked again for it.",
  }),
  {
    method: "get",
    path: "/store/cart-sessions/:id/shipping-options",
    summary: "List each bag's shipping options",
    description: "Each option priced for its bag alone (the bag's own item total). A session without an address is offered none.",
    tag: sessions,
    response: {
      status: 200,
      schema: z.object({ bags: z.array(CartSessionShippingOptionsBagSchema) }).strict(),
      description: "Per bag, the options the host offers it.",
    },
    errors: [...SESSION_READ, "CART_SESSION_NOT_OPEN"],
  },
  changeOf("post", "/:id/shipping-methods", "Set a bag's shipping method", store.StoreSetCartSessionShippingMethod, [
    "SHIPPING_OPTION_INVALID",
  ]),
  changeOf("post", "/:id/line-items", "Add a line item", store.StoreAddCartSessionLineItem, [
    "VARIANT_NOT_FOUND",
    "VARIANT_NOT_PRICED",
    "QUANTITY_OUT_OF_RANGE",
  ]),
  changeOf("patch", "/:id/line-items/:line_id", "Set a line's quantity (0 removes it)", store.StoreUpdateCartSessionLineItem, [
    "CART_SESSION_LINE_ITEM_NOT_FOUND",
    "QUANTITY_OUT_OF_RANGE",
  ]),
  changeOf("delete", "/:id/line-items/:line_id", "Remove a line item", store.StoreCartSessionVersion, ["CART_SESSION_LINE_ITEM_NOT_FOUND"], {
    bodyOptional: true,
  }),
  changeOf("post", "/:id/add-ons", "Select or deselect an add-on", store.StoreToggleCartSessionAddOn, ["ADD_ON_NOT_AVAILABLE"]),
  changeOf("post", "/:id/discount-code", "Set or clear the primary code", store.StoreSetCartSessionDiscountCode, CODE_LOOKUP, {
    description: "`{ code }` sets the session's primary code, `{ code: null }` clears it.",
  }),
  changeOf("post", "/:id/coupons", "Add a code, or preview it", store.StoreAddCartSessionCoupon, CODE_LOOKUP, {
    description:
      "`merchant_id` only chooses between coupons sharing the code. With `validate_only: true` answers " +
      "`{ preview, cart_session }` and changes nothing, not even the version.",
    response: {
      status: 200,
      schema: z.union([cartSession, z.object({ preview: CartSessionCodePreviewSchema, cart_session: CartSessionSchema }).strict()]),
      description: "The session after the change; with `validate_only`, the preview and the unchanged session.",
    },
  }),
  changeOf("delete", "/:id/coupons/:code", "Remove a code", store.StoreCartSessionVersion, ["CART_SESSION_DISCOUNT_NOT_FOUND"], {
    description: "Compared ignoring case; every discount of the code goes.",
    bodyOptional: true,
  }),
  changeOf("delete", "/:id/discounts/:discount_id", "Remove one discount", store.StoreCartSessionVersion, ["CART_SESSION_DISCOUNT_NOT_FOUND"], {
    bodyOptional: true,
  }),
  changeOf("post", "/:id/price", "Price every bag now", store.StoreCartSessionVersion, ["VARIANT_NOT_PRICED"], {
    description: "At the host's current prices; extends the session's expiry.",
    bodyOptional: true,
  }),
  changeOf(
    "post",
    "/:id/convert",
    "Convert into a host cart",
    store.StoreCartSessionVersion,
    [
      "CART_SESSION_DISCOUNT_PENDING",
      "CART_SESSION_DISCOUNT_CHANGED",
      "CART_SESSION_PRICES_CHANGED",
      "CART_SESSION_SHIPPING_CHANGED",
      "COUPON_USAGE_LIMIT_REACHED",
      "COUPON_CUSTOMER_LIMIT_REACHED",
    ],
    {
      description:
        "Makes the host cart carrying the session's discounts; answers the session, `converted`, with `converted_cart_id`. " +
        "A converted session answers as it is, with the same cart.",
      bodyOptional: true,
    }
  ),

  // ---- admin ----
  {
    method: "get",
    path: "/admin/cart-sessions",
    summary: "List cart sessions",
    description: "Newest first unless `order` says otherwise.",
    tag: "Admin: cart sessions",
    query: adminSessions.AdminGetCartSessionsParams,
    response: {
      status: 200,
      schema: z
        .object({
          cart_sessions: z.array(AdminCartSessionListRowSchema),
          count: z.number().int().min(0),
          offset: z.number().int().min(0),
          limit: z.number().int().min(1),
        })
        .strict(),
      description: "A page of sessions and how many match.",
    },
    errors: [],
  },
  {
    method: "get",
    path: "/admin/cart-sessions/:id",
    summary: "Retrieve a cart session",
    tag: "Admin: cart sessions",
    response: { status: 200, schema: adminCartSession, description: "The session with its manual discounts." },
    errors: SESSION_READ,
  },
  {
    method: "post",
    path: "/admin/cart-sessions/:id/manual-discounts",
    summary: "Replace the manual discounts",
    description: "Cart-level amounts are shared over the lines by value; item-level ones sit on one line. Replaces every earlier manual discount.",
    tag: "Admin: cart sessions",
    body: adminSessions.AdminSetCartSessionManualDiscounts,
    response: { status: 200, schema: adminCartSession, description: "The session after the change." },
    idempotent: true,
    errors: [
      ...SESSION_CHANGE,
      "MANUAL_DISCOUNT_CONFLICT",
      "MANUAL_DISCOUNT_AMOUNT_INVALID",
      "MANUAL_DISCOUNT_AMOUNT_TOO_HIGH",
      "MANUAL_DISCOUNT_LINE_NOT_FOUND",
    ],
  },
  {
    method: "delete",
    path: "/admin/cart-sessions/:id/manual-discounts",
    summary: "Clear the manual discounts",
    tag: "Admin: cart sessions",
    body: adminSessions.AdminCartSessionVersion,
    bodyOptional: true,
    response: { status: 200, schema: adminCartSession, description: "The session after the change." },
    idempotent: true,
    errors: SESSION_CHANGE,
  },
  {
    method: "get",
    path: "/admin/coupons",
    summary: "List coupons",
    description: "`q` searches code and name.",
    tag: "Admin: coupons",
    query: adminCoupons.AdminGetCouponsParams,
    response: { status: 200, schema: responses.AdminCouponListResponse, description: "A page of coupons and how many match." },
    errors: [],
  },
  {
    method: "post",
    path: "/admin/coupons",
    summary: "Create a coupon",
    tag: "Admin: coupons",
    query: adminCoupons.AdminGetCouponParams,
    body: adminCoupons.AdminCreateCoupon,
    response: { status: 200, schema: responses.AdminCouponResponse, description: "The new coupon." },
    errors: ["COUPON_CODE_INVALID_FORMAT", "COUPON_CODE_TAKEN"],
  },
  {
    method: "post",
    path: "/admin/coupons/generate",
    summary: "Generate coupons with random codes",
    description: "`count` coupons with codes of `prefix` and `length` random characters, all or none.",
    tag: "Admin: coupons",
    body: adminCoupons.AdminGenerateCoupons,
    response: { status: 200, schema: responses.AdminGenerateCouponsResponse, description: "The coupons made." },
    errors: ["COUPON_CODE_INVALID_FORMAT"],
  },
  {
    method: "get",
    path: "/admin/coupons/:id",
    summary: "Retrieve a coupon",
    tag: "Admin: coupons",
    query: adminCoupons.AdminGetCouponParams,
    response: { status: 200, schema: responses.AdminCouponResponse, description: "The coupon." },
    errors: ["COUPON_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/admin/coupons/:id",
    summary: "Update a coupon",
    tag: "Admin: coupons",
    query: adminCoupons.AdminGetCouponParams,
    body: adminCoupons.AdminUpdateCoupon,
    response: { status: 200, schema: responses.AdminCouponResponse, description: "The coupon after the change." },
    errors: ["COUPON_NOT_FOUND", "COUPON_CODE_INVALID_FORMAT", "COUPON_CODE_TAKEN"],
  },
  {
    method: "delete",
    path: "/admin/coupons/:id",
    summary: "Delete a coupon",
    tag: "Admin: coupons",
    response: { status: 200, schema: responses.AdminCouponDeleteResponse, description: "The coupon is deleted." },
    errors: ["COUPON_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/admin/coupon-rule-attributes",
    summary: "List the coupon rule attributes",
    description: "The built-in attributes and the store's own (docs/coupon-rules.md), for the coupon form.",
    tag: "Admin: coupons",
    response: { status: 200, schema: responses.AdminCouponRuleAttributesResponse, description: "Every attribute." },
    errors: [],
  },
  {
    method: "get",
    path: "/admin/merchants",
    summary: "List merchants",
    description: "The merchants the store's products name.",
    tag: "Admin: merchants",
    query: AdminGetMerchantsParams,
    response: { status: 200, schema: responses.AdminMerchantListResponse, description: "A page of merchants." },
    errors: [],
  },
]
