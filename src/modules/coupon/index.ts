import { Module } from "@medusajs/framework/utils"
import { validatePluginOptionsLoader } from "../../lib/plugin-options"
import CouponModuleService from "./service"

export const COUPON_MODULE = "coupon"

export default Module(COUPON_MODULE, {
  service: CouponModuleService,
  loaders: [validatePluginOptionsLoader],
})

export { CouponModuleService }
export * from "./types"
export { COUPON_RULE_FIELDS } from "./utils/rule-fields"
