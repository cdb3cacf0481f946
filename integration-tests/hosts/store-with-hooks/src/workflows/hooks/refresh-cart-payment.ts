import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { checkoutDiscountsHooks } from "medusa-plugin-checkout-discounts/hooks"
import { PAYMENT_REFRESHES } from "../../lib/storefront-pricing"

// The store counts on each cart how often its payment collection was brought
// up to date (its own bookkeeping), and lets the plugin put each merchant's bag
// price back on the shipping methods it gave the cart at convert: the host
// takes one handler per hook. (The startup test copies this store without
// this file, to see the plugin take the hook when a store leaves it free.)
refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(async (input, context) => {
  const cartModule = context.container.resolve(Modules.CART)
  const cart = await cartModule.retrieveCart(input.input.cart_id, { select: ["id", "metadata"] })
  const refreshes = Number(cart.metadata?.[PAYMENT_REFRESHES] ?? 0) + 1
  await cartModule.updateCarts(cart.id, { metadata: { ...cart.metadata, [PAYMENT_REFRESHES]: refreshes } })
  await checkoutDiscountsHooks.refreshCartBeforePayment(input, context)
})
