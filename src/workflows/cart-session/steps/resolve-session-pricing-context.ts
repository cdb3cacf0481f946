import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readSessionPricingContext } from "../host/catalogue"
import type { SessionForPricing } from "../../../lib/cart-session/pricing-context"

export type ResolveSessionPricingContextStepInput = { session: SessionForPricing }

export const resolveSessionPricingContextStepId = "resolve-cart-session-pricing-context"

/**
 * What the host will price the session's cart with: its region, currency and
 * customer with their groups, and the store's own pricing context (read once
 * per change, and passed along to every step that asks the host for prices).
 */
export const resolveSessionPricingContextStep = createStep(
  resolveSessionPricingContextStepId,
  async ({ session }: ResolveSessionPricingContextStepInput, { container }) =>
    new StepResponse(await readSessionPricingContext(container, session))
)
