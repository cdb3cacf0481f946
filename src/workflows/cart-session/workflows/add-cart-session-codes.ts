import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addCodesStep } from "../steps"
import type { WantedCode } from "../utils/code-plan"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

export type AddCartSessionCodesWorkflowInput = CartSessionChangeInput & { codes: WantedCode[] }

export const addCartSessionCodesWorkflowId = "add-cart-session-codes"

/**
 * Adds codes (each store-wide or for one merchant's bag) and prices them. An
 * unknown code stays in the session as INVALID with a message; a code
 * already there with the same scope is not added twice.
 */
export const addCartSessionCodesWorkflow = createWorkflow(
  addCartSessionCodesWorkflowId,
  (input: AddCartSessionCodesWorkflowInput) => {
    changeCartSession(input, () => [addCodesStep({ cart_session_id: input.cart_session_id, codes: input.codes })])
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
