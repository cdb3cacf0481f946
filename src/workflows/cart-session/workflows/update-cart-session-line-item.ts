import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setLineItemQuantityStep } from "../steps"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

export type UpdateCartSessionLineItemWorkflowInput = CartSessionChangeInput & {
  line_item_id: string
  /** 0 removes the line. */
  quantity: number
}

export const updateCartSessionLineItemWorkflowId = "update-cart-session-line-item"

/** Sets a line's quantity or, with 0, removes it (its merchant's add-ons go with the last item). */
export const updateCartSessionLineItemWorkflow = createWorkflow(
  updateCartSessionLineItemWorkflowId,
  (input: UpdateCartSessionLineItemWorkflowInput) => {
    changeCartSession(input, () => [
      setLineItemQuantityStep({
        cart_session_id: input.cart_session_id,
        line_item_id: input.line_item_id,
        quantity: input.quantity,
      }),
    ])
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
