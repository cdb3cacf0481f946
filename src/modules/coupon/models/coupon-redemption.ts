import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"

/**
 * One use of a coupon (a seat of its usage limit), by a cart or an order.
 * Released redemptions are soft-deleted, so only live rows count.
 */
export const CouponRedemption = model
  .define("coupon_redemption", {
    id: model.id({ prefix: "cpnrdm" }).primaryKey(),
    coupon: model.belongsTo(() => Coupon, { mappedBy: "redemptions" }),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    metadata: model.json().nullable(),
  })
  .indexes([{ on: ["coupon_id", "customer_id"] }, { on: ["order_id"] }, { on: ["cart_id"] }])
  .checks([
    { name: "coupon_redemption_amount_not_negative", expression: "amount >= 0" },
    {
      name: "coupon_redemption_has_cart_or_order",
      expression: "cart_id IS NOT NULL OR order_id IS NOT NULL",
    },
  ])
