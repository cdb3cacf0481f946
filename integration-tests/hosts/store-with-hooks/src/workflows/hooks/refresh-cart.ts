import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkoutDiscountsHooks } from "medusa-plugin-checkout-discounts/hooks"
import { STOREFRONT_PRICING_CONTEXT } from "../../lib/storefront-pricing"

// The store prices refreshed carts with its own context (as Medusa's docs
// show), and lets the plugin drop the discounts of a converted cart whose
// lines changed: the host takes one handler per hook.
refreshCartItemsWorkflow.hooks.setPricingContext(async (input, context) => {
  const plugin = await checkoutDiscountsHooks.refreshCartSetPricingContext(input, context)
  return new StepResponse({ ...plugin, ...STOREFRONT_PRICING_CONTEXT })
})
