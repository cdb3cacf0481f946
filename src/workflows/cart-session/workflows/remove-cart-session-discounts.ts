import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  removeDiscountsStep,
  takeCartSessionTurnStep,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

/** One of the two: a code (any case; all its rows), or a discount id. */
export type RemoveCartSessionDiscountsWorkflowInput = CartSessionChangeInput & {
  code?: string
  discount_id?: string
}

export const removeCartSessionDiscountsWorkflowId = "remove-cart-session-discounts"

/** Removes a code or one discount from a session and prices what remains. */
export const removeCartSessionDiscountsWorkflow = createWorkflow(
  removeCartSessionDiscountsWorkflowId,
  (input: RemoveCartSessionDiscountsWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const draft = removeDiscountsStep({ session: loaded.draft, code: input.code, discount_id: input.discount_id })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
