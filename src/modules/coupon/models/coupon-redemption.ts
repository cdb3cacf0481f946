import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"

/**
 * One use of a coupon (a seat of its usage limit). A cart session takes the
 * seat when it converts (`cart_session_id`), its host cart holds it
 * (`cart_id`) and the order placed from that cart keeps it (`order_id`).
 * `claimed_at` marks a seat whose cart is being completed: it is not given
 * back as abandoned while that runs. Released redemptions are soft-deleted,
 * so only live rows count. `email` (trimmed, lower-case) is the shopper's
 * email at convert: a guest, who has no `customer_id`, is counted by it for
 * `usage_limit_per_customer`.
 */
export const CouponRedemption = model
  .define("coupon_redemption", {
    id: model.id({ prefix: "cpnrdm" }).primaryKey(),
    coupon: model.belongsTo(() => Coupon, { mappedBy: "redemptions" }),
    cart_session_id: model.text().nullable(),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    email: model.text().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    claimed_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["coupon_id", "customer_id"] },
    { on: ["coupon_id", "email"] },
    { on: ["order_id"] },
    { on: ["cart_id"] },
    { on: ["cart_session_id"] },
  ])
  .checks([
    { name: "coupon_redemption_amount_not_negative", expression: "amount >= 0" },
    {
      name: "coupon_redemption_has_holder",
      expression: "cart_session_id IS NOT NULL OR cart_id IS NOT NULL OR order_id IS NOT NULL",
    },
  ])
