import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { loadCartSessionStep, markReadyForCheckoutStep, validateCartSessionPricedStep } from "../steps"
import { CART_SESSION_LOCK, CartSessionChangeInput } from "../utils/compose"

export type ConvertCartSessionWorkflowInput = CartSessionChangeInput

export const convertCartSessionWorkflowId = "convert-cart-session"

/**
 * Takes a session to checkout. The gate: it must be open and have no code
 * waiting to be priced (CART_SESSION_DISCOUNT_PENDING). For now it records
 * the session as ready for checkout; creating the host cart is added after
 * the gate.
 */
export const convertCartSessionWorkflow = createWorkflow(
  convertCartSessionWorkflowId,
  (input: ConvertCartSessionWorkflowInput) => {
    acquireLockStep({ key: input.cart_session_id, ...CART_SESSION_LOCK })
    const session = loadCartSessionStep({
      cart_session_id: input.cart_session_id,
      actor: input.actor,
      version: input.version,
    })
    validateCartSessionPricedStep({ session })
    markReadyForCheckoutStep({ cart_session_id: input.cart_session_id })
    releaseLockStep({ key: input.cart_session_id })
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
