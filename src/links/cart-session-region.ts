import { defineLink } from "@medusajs/framework/utils"
import RegionModule from "@medusajs/medusa/region"
import CartSessionModule from "../modules/cart-session"

/** `cart_session.region` in query.graph, read through `region_id` (no link table). */
export default defineLink(
  { linkable: CartSessionModule.linkable.cartSession, field: "region_id" },
  RegionModule.linkable.region,
  { readOnly: true }
)
