import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { expireOverdueCartSessionsStep, ExpireOverdueCartSessionsInput } from "../steps"

export const expireCartSessionsWorkflowId = "expire-cart-sessions"

/**
 * Expires open sessions past their lifetime (version + 1). Requests already
 * refuse an overdue session (CART_SESSION_NOT_OPEN); this makes the status say so.
 */
export const expireCartSessionsWorkflow = createWorkflow(
  expireCartSessionsWorkflowId,
  (input: ExpireOverdueCartSessionsInput) => {
    const expiredIds = expireOverdueCartSessionsStep(input)
    return new WorkflowResponse(expiredIds)
  }
)
