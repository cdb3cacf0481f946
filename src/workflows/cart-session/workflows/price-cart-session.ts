import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCartSessionStep, releaseCartSessionTurnStep, takeCartSessionTurnStep } from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type PriceCartSessionWorkflowInput = CartSessionChangeInput & {
  /** A shopper asking keeps the session alive; a scheduled re-pricing (the default) does not. */
  extend_expiry?: boolean
}

export const priceCartSessionWorkflowId = "price-cart-session"

/**
 * Prices a session now: the host's current prices for its lines, every code
 * re-checked with the coupon module, every merchant's bag priced; version + 1
 * only when something changed. For the store's `price` route and the
 * scheduled re-pricing of sessions marked unpriced.
 */
export const priceCartSessionWorkflow = createWorkflow(
  priceCartSessionWorkflowId,
  (input: PriceCartSessionWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const changed = commitCartSessionChange({ before: loaded.session, draft: loaded.draft, extend_expiry: input.extend_expiry ?? false, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
