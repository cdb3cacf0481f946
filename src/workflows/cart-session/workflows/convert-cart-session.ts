import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  takeCartSessionTurnStep,
  validateCartSessionPricedStep,
  validateDiscountsUnchangedStep,
} from "../steps"
import type { CartSessionChangeInput } from "../utils/session-rules"
import { commitCartSessionChangeWorkflow } from "./commit-cart-session-change"

export type ConvertCartSessionWorkflowInput = CartSessionChangeInput

export const convertCartSessionWorkflowId = "convert-cart-session"

/**
 * Takes a session to checkout. Gates: it must be open with no code waiting
 * to be priced (CART_SESSION_DISCOUNT_PENDING); then it is priced again now
 * (dates, limits and host prices re-checked) and saved, and a code whose
 * status changed is refused (CART_SESSION_DISCOUNT_CHANGED). For now passing
 * records the session as ready for checkout; creating the host cart comes
 * after these gates.
 */
export const convertCartSessionWorkflow = createWorkflow(
  convertCartSessionWorkflowId,
  (input: ConvertCartSessionWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    validateCartSessionPricedStep({ session: loaded.session })
    const changed = commitCartSessionChangeWorkflow.runAsStep({
      input: { before: loaded.session, draft: loaded.draft, extend_expiry: true, ready_for_checkout: true },
    })
    releaseCartSessionTurnStep(turn)
    validateDiscountsUnchangedStep({ before: loaded.session, after: changed.session })
    return new WorkflowResponse(changed.view)
  }
)
