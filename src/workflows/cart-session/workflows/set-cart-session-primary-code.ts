import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setPrimaryCodeStep } from "../steps"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

export type SetCartSessionPrimaryCodeWorkflowInput = CartSessionChangeInput & { code: string | null }

export const setCartSessionPrimaryCodeWorkflowId = "set-cart-session-primary-code"

/** Sets (replacing the previous one) or clears the session's primary code, and prices it. */
export const setCartSessionPrimaryCodeWorkflow = createWorkflow(
  setCartSessionPrimaryCodeWorkflowId,
  (input: SetCartSessionPrimaryCodeWorkflowInput) => {
    changeCartSession(input, () => [setPrimaryCodeStep({ cart_session_id: input.cart_session_id, code: input.code })])
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
