/** Events the cart-session workflows emit on the host's bus, each after its change is committed. */
export const CartSessionEvents = {
  /** Data `{ id, manual_discount_ids }`: staff replaced the session's manual discounts. */
  MANUAL_DISCOUNTS_SET: "cart_session.manual_discounts_set",
  /** Data `{ id }`: staff removed every manual discount of the session. */
  MANUAL_DISCOUNTS_CLEARED: "cart_session.manual_discounts_cleared",
} as const
