import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addCodesStep, loadCartSessionStep, releaseCartSessionTurnStep, takeCartSessionTurnStep } from "../steps"
import type { WantedCode } from "../../../lib/cart-session/code-plan"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type AddCartSessionCodesWorkflowInput = CartSessionChangeInput & { codes: WantedCode[] }

export const addCartSessionCodesWorkflowId = "add-cart-session-codes"

/**
 * Adds codes (a merchant given with a code chooses between coupons sharing
 * it) and prices them. An unknown code stays in the session as INVALID with
 * a message; a code already there with the same merchant given is not added twice.
 */
export const addCartSessionCodesWorkflow = createWorkflow(
  addCartSessionCodesWorkflowId,
  (input: AddCartSessionCodesWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const draft = addCodesStep({ session: loaded.draft, codes: input.codes })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
