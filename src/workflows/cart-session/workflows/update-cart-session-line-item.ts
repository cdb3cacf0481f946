import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  setLineItemQuantityStep,
  takeCartSessionTurnStep,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

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
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const draft = setLineItemQuantityStep({
      session: loaded.draft,
      line_item_id: input.line_item_id,
      quantity: input.quantity,
    })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
