export { CartSession, CART_SESSION_STATUSES } from "./cart-session"
export { CartSessionDiscount, DISCOUNT_STATUSES } from "./cart-session-discount"
export { CartSessionLineItem } from "./cart-session-line-item"
export { CartSessionManualDiscount, MANUAL_DISCOUNT_SCOPES } from "./cart-session-manual-discount"
