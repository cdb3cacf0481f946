import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  setPrimaryCodeStep,
  takeCartSessionTurnStep,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type SetCartSessionPrimaryCodeWorkflowInput = CartSessionChangeInput & { code: string | null }

export const setCartSessionPrimaryCodeWorkflowId = "set-cart-session-primary-code"

/** Sets (replacing the previous one) or clears the session's primary code, and prices it. */
export const setCartSessionPrimaryCodeWorkflow = createWorkflow(
  setCartSessionPrimaryCodeWorkflowId,
  (input: SetCartSessionPrimaryCodeWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const draft = setPrimaryCodeStep({ session: loaded.draft, code: input.code })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
