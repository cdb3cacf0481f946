import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { loadCartSessionStep, removeDiscountsStep } from "../steps"
import { CART_SESSION_LOCK, CartSessionChangeInput } from "../utils/session-rules"
import { commitCartSessionChangeWorkflow } from "./commit-cart-session-change"

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
    acquireLockStep({ key: input.cart_session_id, ...CART_SESSION_LOCK })
    const loaded = loadCartSessionStep(input)
    const draft = removeDiscountsStep({ session: loaded.draft, code: input.code, discount_id: input.discount_id })
    const changed = commitCartSessionChangeWorkflow.runAsStep({
      input: { before: loaded.session, draft, extend_expiry: true },
    })
    releaseLockStep({ key: input.cart_session_id })
    return new WorkflowResponse(changed.view)
  }
)
