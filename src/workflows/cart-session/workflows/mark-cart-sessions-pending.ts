import { randomUUID } from "crypto"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { CartSessionRepriceFilters, findCartSessionsToRepriceStep, markDiscountsPendingStep } from "../steps"
import { CART_SESSION_LOCK } from "../utils/compose"

export type MarkCartSessionsPendingWorkflowInput = CartSessionRepriceFilters

export const markCartSessionsPendingWorkflowId = "mark-cart-sessions-pending"

/**
 * Puts every code of the matching open sessions back to PENDING (`priced:
 * false`, version + 1) — for a coupon, product or price that changed — so
 * they cannot be converted before they are priced again
 * (`priceCartSessionWorkflow`). Sessions are matched by id or by the codes,
 * variants or products they carry. Returns the ids of the sessions marked.
 */
export const markCartSessionsPendingWorkflow = createWorkflow(
  markCartSessionsPendingWorkflowId,
  (input: MarkCartSessionsPendingWorkflowInput) => {
    const sessionIds = findCartSessionsToRepriceStep(input)
    // Several keys at once: an owner makes a retried acquisition re-entrant for the keys it already holds.
    const ownerId = transform({ sessionIds }, () => `mark-cart-sessions-pending:${randomUUID()}`)
    acquireLockStep({ key: sessionIds, ownerId, ...CART_SESSION_LOCK })
    const marked = markDiscountsPendingStep({ cart_session_ids: sessionIds })
    releaseLockStep({ key: sessionIds, ownerId })
    return new WorkflowResponse(marked)
  }
)
