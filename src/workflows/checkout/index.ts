export * from "./steps"
export * from "./workflows"
export { claimSeatsOfCompletingCart, dropDiscountsOfChangedCart, type DroppedReason } from "./cart-discounts"
