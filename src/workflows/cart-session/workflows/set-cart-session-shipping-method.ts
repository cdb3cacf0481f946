import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCartSessionStep, releaseCartSessionTurnStep, takeCartSessionTurnStep } from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import type { WantedShippingMethod } from "../../../lib/cart-session/shipping"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type SetCartSessionShippingMethodWorkflowInput = CartSessionChangeInput & WantedShippingMethod

export const setCartSessionShippingMethodWorkflowId = "set-cart-session-shipping-method"

/**
 * Sets one bag's shipping method, replacing its earlier one: the option must be one the host offers that bag
 * at the session's address (SHIPPING_OPTION_INVALID otherwise); it is priced for the bag alone. One load, one
 * commit, as every change.
 */
export const setCartSessionShippingMethodWorkflow = createWorkflow(
  setCartSessionShippingMethodWorkflowId,
  (input: SetCartSessionShippingMethodWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const changed = commitCartSessionChange({
      before: loaded.session,
      draft: loaded.draft,
      extend_expiry: true,
      wanted_shipping_method: { merchant_id: input.merchant_id, option_id: input.option_id },
      idempotency: input.idempotency,
    })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
