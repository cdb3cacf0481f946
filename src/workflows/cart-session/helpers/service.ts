import type { MedusaContainer } from "@medusajs/framework/types"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../../modules/cart-session"

export function cartSessionService(container: MedusaContainer) {
  return container.resolve<CartSessionModuleService>(CART_SESSION_MODULE)
}
