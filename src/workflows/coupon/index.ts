export * from "./events"
export * from "./steps"
export * from "./workflows"
export { assertCouponRules, couponRulesProblemsOf, describeCouponRulesForAdmin } from "./helpers/coupon-rules"
