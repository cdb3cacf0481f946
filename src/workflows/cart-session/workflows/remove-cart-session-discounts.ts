import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { removeDiscountsStep } from "../steps"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

/** One of the two: a code (any case; all its scopes), or a discount id. */
export type RemoveCartSessionDiscountsWorkflowInput = CartSessionChangeInput & {
  code?: string
  discount_id?: string
}

export const removeCartSessionDiscountsWorkflowId = "remove-cart-session-discounts"

/** Removes a code or one discount from a session and prices what remains. */
export const removeCartSessionDiscountsWorkflow = createWorkflow(
  removeCartSessionDiscountsWorkflowId,
  (input: RemoveCartSessionDiscountsWorkflowInput) => {
    changeCartSession(input, () => [
      removeDiscountsStep({ cart_session_id: input.cart_session_id, code: input.code, discount_id: input.discount_id }),
    ])
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
