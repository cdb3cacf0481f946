export * from "./create-coupons"
export * from "./delete-coupons"
export * from "./generate-coupons"
export * from "./update-coupons"
