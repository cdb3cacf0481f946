import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { loadCartSessionStep, setPrimaryCodeStep } from "../steps"
import { CART_SESSION_LOCK, CartSessionChangeInput } from "../utils/session-rules"
import { commitCartSessionChangeWorkflow } from "./commit-cart-session-change"

export type SetCartSessionPrimaryCodeWorkflowInput = CartSessionChangeInput & { code: string | null }

export const setCartSessionPrimaryCodeWorkflowId = "set-cart-session-primary-code"

/** Sets (replacing the previous one) or clears the session's primary code, and prices it. */
export const setCartSessionPrimaryCodeWorkflow = createWorkflow(
  setCartSessionPrimaryCodeWorkflowId,
  (input: SetCartSessionPrimaryCodeWorkflowInput) => {
    acquireLockStep({ key: input.cart_session_id, ...CART_SESSION_LOCK })
    const loaded = loadCartSessionStep(input)
    const draft = setPrimaryCodeStep({ session: loaded.draft, code: input.code })
    const changed = commitCartSessionChangeWorkflow.runAsStep({
      input: { before: loaded.session, draft, extend_expiry: true },
    })
    releaseLockStep({ key: input.cart_session_id })
    return new WorkflowResponse(changed.view)
  }
)
