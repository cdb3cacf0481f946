import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import CouponModuleService from "./service"

export const COUPON_MODULE = "coupon"

export default Module(COUPON_MODULE, {
  service: CouponModuleService,
  loaders: [validateOptionsLoader],
})

export { CouponModuleService }
export * from "./types"
