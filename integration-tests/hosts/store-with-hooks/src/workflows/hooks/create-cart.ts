import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { STOREFRONT_PRICING_CONTEXT } from "../../lib/storefront-pricing"

// The store prices new carts with its own context (a hook the plugin does not use).
createCartWorkflow.hooks.setPricingContext(async () => new StepResponse(STOREFRONT_PRICING_CONTEXT))
