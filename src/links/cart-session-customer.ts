import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CartSessionModule from "../modules/cart-session"

/** `cart_session.customer` in query.graph, read through `customer_id` (no link table). */
export default defineLink(
  { linkable: CartSessionModule.linkable.cartSession, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
