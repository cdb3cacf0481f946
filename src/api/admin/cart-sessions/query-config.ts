import { CART_SESSION_ORDER_FIELDS } from "../../../modules/cart-session"

export const listCartSessionsQueryConfig = {
  defaults: ["id"],
  /** What `order` may sort by. */
  allowed: ["id", ...CART_SESSION_ORDER_FIELDS],
  isList: true,
}
