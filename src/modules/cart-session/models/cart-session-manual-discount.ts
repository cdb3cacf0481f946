import { model } from "@medusajs/framework/utils"
import { CartSession } from "./cart-session"

export const MANUAL_DISCOUNT_SCOPES = ["cart", "item"] as const

/**
 * A discount staff set by hand on a session (docs/data-model.md):
 * what they asked for and why. `amount` is in integer minor units of the
 * session's currency: on `line_item_id` when the scope is `item`, shared over
 * every line by value when it is `cart`. `created_by` is the admin user who
 * set it. What it came to when priced (status, amount, per-line shares) is on
 * its `cart_session_discount` row of type MANUAL, `discount_id`, written in
 * the same transaction. Setting manual discounts replaces them all, so a row
 * never changes: it is created, then removed.
 */
export const CartSessionManualDiscount = model
  .define("cart_session_manual_discount", {
    id: model.id({ prefix: "csman" }).primaryKey(),
    cart_session: model.belongsTo(() => CartSession, { mappedBy: "manual_discounts" }),
    discount_id: model.text(),
    scope: model.enum([...MANUAL_DISCOUNT_SCOPES]),
    line_item_id: model.text().nullable(),
    amount: model.bigNumber(),
    name: model.text(),
    reason: model.text().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([{ on: ["discount_id"], unique: true, where: "deleted_at IS NULL" }])
  .checks([
    { name: "cart_session_manual_discount_amount_positive", expression: "amount > 0" },
    {
      name: "cart_session_manual_discount_item_has_line",
      expression: "(scope = 'item') = (line_item_id IS NOT NULL)",
    },
  ])
