import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  applyShippingAddressStep,
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  takeCartSessionTurnStep,
  type WantedAddress,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type UpdateCartSessionWorkflowInput = CartSessionChangeInput & {
  email?: string | null
  shipping_address?: WantedAddress | null
}

export const updateCartSessionWorkflowId = "update-cart-session"

/**
 * Sets a session's email and shipping address, as the host's cart update does. The change re-checks every
 * bag's shipping method at the new address (one no longer offered is removed, said in the answer) and reads
 * the host's tax rates for it.
 */
export const updateCartSessionWorkflow = createWorkflow(updateCartSessionWorkflowId, (input: UpdateCartSessionWorkflowInput) => {
  const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
  const loaded = loadCartSessionStep(input)
  const draft = applyShippingAddressStep({ draft: loaded.draft, shipping_address: input.shipping_address, email: input.email })
  const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, idempotency: input.idempotency })
  releaseCartSessionTurnStep(turn)
  return new WorkflowResponse(changed.view)
})
