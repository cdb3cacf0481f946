/** Events the cart-session workflows emit on the host's bus, each after its change is committed. */
export const CartSessionEvents = {
  /** Data `{ id, manual_discount_ids }`: staff replaced the session's manual discounts. */
  MANUAL_DISCOUNTS_SET: "cart_session.manual_discounts_set",
  /** Data `{ id }`: staff removed every manual discount of the session. */
  MANUAL_DISCOUNTS_CLEARED: "cart_session.manual_discounts_cleared",
  /** Data `{ id, cart_id }`: the session became the host cart `cart_id`, its discounts and coupon seats with it. */
  CONVERTED: "cart_session.converted",
  /** Data `{ id, cart_id, released_seat_ids }`: the host cart's items changed after convert, so the discounts it carried were dropped and their seats given back. */
  DISCOUNTS_DROPPED: "cart_session.discounts_dropped",
} as const
