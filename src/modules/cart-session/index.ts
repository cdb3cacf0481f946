import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import CartSessionModuleService from "./service"

export const CART_SESSION_MODULE = "cart_session"

export default Module(CART_SESSION_MODULE, {
  service: CartSessionModuleService,
  loaders: [validateOptionsLoader],
})

export { CartSessionModuleService }
export * from "./types"
