import { model } from "@medusajs/framework/utils"
import { CartSession } from "./cart-session"

/**
 * One line of a cart session. `unit_price` is in integer minor units of the
 * session's currency, converted once from the host's price. `position` keeps
 * the order lines were added in (ties in allocation go to the earlier line).
 * A variant has at most one regular line and one add-on line per session.
 */
export const CartSessionLineItem = model
  .define("cart_session_line_item", {
    id: model.id({ prefix: "csitem" }).primaryKey(),
    cart_session: model.belongsTo(() => CartSession, { mappedBy: "items" }),
    position: model.number(),
    merchant_id: model.text(),
    variant_id: model.text(),
    product_id: model.text(),
    title: model.text(),
    variant_title: model.text().nullable(),
    quantity: model.number(),
    unit_price: model.bigNumber(),
    is_add_on: model.boolean().default(false),
    /** Percent rates of the host's tax lines for the session's address (null: untaxed or no address yet). */
    tax_rates: model.json().nullable(),
    /** Whether `unit_price` includes its tax (the region's price preference), as the host's line will. */
    is_tax_inclusive: model.boolean().default(false),
    metadata: model.json().nullable(),
    /** The product's collection and type as last read from the host (coupon rules on them read nothing more). */
    product_collection_id: model.text().nullable(),
    product_type_id: model.text().nullable(),
  })
  .indexes([
    {
      on: ["cart_session_id", "variant_id", "is_add_on"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    { on: ["variant_id"], where: "deleted_at IS NULL" },
    { on: ["product_id"], where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "cart_session_line_item_quantity_positive", expression: "quantity > 0" },
    { name: "cart_session_line_item_unit_price_not_negative", expression: "unit_price >= 0" },
  ])
