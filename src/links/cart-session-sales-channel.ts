import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import CartSessionModule from "../modules/cart-session"

/** `cart_session.sales_channel` in query.graph, read through `sales_channel_id` (no link table). */
export default defineLink(
  { linkable: CartSessionModule.linkable.cartSession, field: "sales_channel_id" },
  SalesChannelModule.linkable.salesChannel,
  { readOnly: true }
)
