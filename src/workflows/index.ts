export * from "./merchant"
export * from "./coupon"
