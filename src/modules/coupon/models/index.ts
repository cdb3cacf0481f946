export { Coupon } from "./coupon"
export { CouponRedemption } from "./coupon-redemption"
