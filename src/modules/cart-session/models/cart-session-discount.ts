import { model } from "@medusajs/framework/utils"
import { CartSession } from "./cart-session"

export const DISCOUNT_STATUSES = [
  "PENDING",
  "APPLIED",
  "INVALID",
  "EXPIRED",
  "NOT_STARTED",
  "MIN_SUBTOTAL_NOT_MET",
  "USAGE_LIMIT_REACHED",
  "CUSTOMER_LIMIT_REACHED",
  "NOT_COMBINABLE",
  "NOT_APPLICABLE",
  "NOT_ELIGIBLE",
] as const

/**
 * A discount on a cart session: a code the shopper entered, an automatic
 * coupon it met (type AUTOMATIC, kept while it applies) or a manual one.
 * `scope_merchant_id` is the merchant the shopper gave with the code (null =
 * none); `merchant_id` is the scope the code applies to once priced (the
 * coupon's own merchant, the shopper's, or null = store-wide). The pricing result is stored on the
 * row: status, message, `amount_total` and the per-line `allocations`
 * (`[{ line_item_id, amount }]`), all amounts in integer minor units. `value`
 * is the coupon's term as last priced: a percentage, or minor units when fixed.
 * At most one code per session is the primary one (`discount-code` route).
 */
export const CartSessionDiscount = model
  .define("cart_session_discount", {
    id: model.id({ prefix: "csdisc" }).primaryKey(),
    cart_session: model.belongsTo(() => CartSession, { mappedBy: "discounts" }),
    position: model.number(),
    type: model.enum(["CODE", "MANUAL", "AUTOMATIC"]).default("CODE"),
    code: model.text().nullable(),
    merchant_id: model.text().nullable(),
    scope_merchant_id: model.text().nullable(),
    is_primary: model.boolean().default(false),
    coupon_id: model.text().nullable(),
    status: model.enum([...DISCOUNT_STATUSES]).default("PENDING"),
    value_type: model.enum(["percentage", "fixed"]).nullable(),
    value: model.bigNumber().nullable(),
    amount_total: model.bigNumber().default(0),
    allocations: model.json().nullable(),
    /** What the discount took from: the items of its scope, or the shipping of its bags. */
    target_type: model.enum(["items", "shipping_methods"]).default("items"),
    /** A shipping discount's amounts by bag (`[{ merchant_id, amount }]`), integer minor units. */
    shipping_allocations: model.json().nullable(),
    message: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    {
      name: "IDX_cart_session_discount_one_primary",
      on: ["cart_session_id"],
      unique: true,
      where: "is_primary = true AND deleted_at IS NULL",
    },
    { on: ["code"], where: "deleted_at IS NULL" },
    // The sessions holding a coupon changed in the admin (find-coupons-held-by-sessions); its codes are
    // matched on lower(code), an index written by hand (Migration20261206171458).
    { on: ["coupon_id"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "cart_session_discount_amount_not_negative", expression: "amount_total >= 0" },
    { name: "cart_session_discount_code_has_code", expression: "type <> 'CODE' OR code IS NOT NULL" },
    { name: "cart_session_discount_automatic_has_coupon", expression: "type <> 'AUTOMATIC' OR (code IS NOT NULL AND coupon_id IS NOT NULL)" },
  ])
