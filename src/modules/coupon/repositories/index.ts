export { CouponCodeRepository } from "./coupon-code"
export type { AutomaticCouponsFor } from "./coupon-code"
export { CouponSeatRepository } from "./coupon-seat"
export type { LockedCoupon, SeatHolder } from "./coupon-seat"
