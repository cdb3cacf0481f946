import { MedusaService } from "@medusajs/framework/utils"
import { parsePluginOptions, PluginOptions } from "../../lib/plugin-options"
import { CartSession, CartSessionDiscount, CartSessionLineItem } from "./models"

/**
 * Cart sessions, their lines and discounts. Business rules live in the
 * cart-session workflows; this adds only the plugin options they read.
 */
class CartSessionModuleService extends MedusaService({
  CartSession,
  CartSessionLineItem,
  CartSessionDiscount,
}) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  /** The plugin options (limits, session lifetime) as validated at load. */
  getOptions(): PluginOptions {
    return this.options_
  }
}

export default CartSessionModuleService
