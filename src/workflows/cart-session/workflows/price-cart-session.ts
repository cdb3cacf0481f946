import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

export type PriceCartSessionWorkflowInput = CartSessionChangeInput & {
  /** A shopper asking keeps the session alive; a scheduled re-pricing (the default) does not. */
  extend_expiry?: boolean
}

export const priceCartSessionWorkflowId = "price-cart-session"

/**
 * Prices a session now: takes the host's current prices for its lines,
 * re-checks every code with the coupon module and prices every merchant's
 * bag; version + 1 only when something changed. For the store's `price`
 * route, subscribers (coupon or catalogue changes) and scheduled re-pricing.
 */
export const priceCartSessionWorkflow = createWorkflow(
  priceCartSessionWorkflowId,
  (input: PriceCartSessionWorkflowInput) => {
    changeCartSession(input, () => [], { extend_expiry: input.extend_expiry ?? false })
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
