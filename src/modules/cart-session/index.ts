import { Module } from "@medusajs/framework/utils"
import { validatePluginOptionsLoader } from "../../lib/plugin-options"
import CartSessionModuleService from "./service"

export const CART_SESSION_MODULE = "cart_session"

export default Module(CART_SESSION_MODULE, {
  service: CartSessionModuleService,
  loaders: [validatePluginOptionsLoader],
})

export { CartSessionModuleService }
export * from "./types"
export { CART_SESSION_STATUSES, DISCOUNT_STATUSES } from "./models"
export { CART_SESSION_ORDER_FIELDS } from "./utils/session-list-query"
