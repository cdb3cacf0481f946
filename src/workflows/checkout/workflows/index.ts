export * from "./redeem-order-coupon-seats"
export * from "./release-abandoned-coupon-seats"
export * from "./release-order-coupon-seats"
