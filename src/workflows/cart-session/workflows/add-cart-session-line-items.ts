import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  addLineItemsStep,
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  RequestedItem,
  resolveSellableVariantsStep,
  resolveSessionPricingContextStep,
  takeCartSessionTurnStep,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type AddCartSessionLineItemsWorkflowInput = CartSessionChangeInput & { items: RequestedItem[] }

export const addCartSessionLineItemsWorkflowId = "add-cart-session-line-items"

/**
 * Adds variants to a session at the host's price for the session's customer;
 * a variant already there adds to its line (priced again at its new quantity).
 */
export const addCartSessionLineItemsWorkflow = createWorkflow(
  addCartSessionLineItemsWorkflowId,
  (input: AddCartSessionLineItemsWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const pricing = resolveSessionPricingContextStep({ session: loaded.pricing_scope })
    const items = resolveSellableVariantsStep({ pricing_context: pricing, items: input.items })
    const draft = addLineItemsStep({ session: loaded.draft, items })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, pricing_context: pricing, known_variants: items, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
