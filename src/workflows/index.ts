export * from "./merchant"
export * from "./coupon"
export * from "./cart-session"
export * from "./checkout"
