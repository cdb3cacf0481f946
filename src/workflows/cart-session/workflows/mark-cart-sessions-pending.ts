import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CartSessionRepriceFilters, findCartSessionsToRepriceStep, markCartSessionsUnpricedStep } from "../steps"

export type MarkCartSessionsPendingWorkflowInput = CartSessionRepriceFilters

export const markCartSessionsPendingWorkflowId = "mark-cart-sessions-pending"

/**
 * For a coupon, product or price that changed: the matching open sessions
 * (by id, or by the codes, coupons, variants or products they hold, with or
 * without codes) go back to `priced: false` with every code PENDING, version
 * + 1, so none is converted before it is priced again
 * (`priceCartSessionWorkflow`: the shopper's next change, `price`, or the
 * re-pricing job). Atomic in the database, so it needs no session lock.
 * Returns the ids of the sessions marked.
 */
export const markCartSessionsPendingWorkflow = createWorkflow(
  markCartSessionsPendingWorkflowId,
  (input: MarkCartSessionsPendingWorkflowInput) => {
    const sessionIds = findCartSessionsToRepriceStep(input)
    const marked = markCartSessionsUnpricedStep({ cart_session_ids: sessionIds })
    return new WorkflowResponse(marked)
  }
)
