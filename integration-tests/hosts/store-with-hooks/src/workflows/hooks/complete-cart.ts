import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { checkoutDiscountsHooks } from "medusa-plugin-checkout-discounts/hooks"
import { HOLD_FOR_REVIEW } from "../../lib/storefront-pricing"

// The store's own last guard before an order is made (as Medusa's docs show),
// and the plugin's, called from it: the host takes one handler per hook.
completeCartWorkflow.hooks.validate(async (input, context) => {
  if (input.cart.metadata?.[HOLD_FOR_REVIEW] === true) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${input.cart.id} is held for review by the store`)
  }
  return checkoutDiscountsHooks.completeCartValidate(input, context)
}, checkoutDiscountsHooks.completeCartValidateCompensate)
