import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addLineItemsStep, RequestedItem, resolveSellableVariantsStep } from "../steps"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

export type AddCartSessionLineItemsWorkflowInput = CartSessionChangeInput & { items: RequestedItem[] }

export const addCartSessionLineItemsWorkflowId = "add-cart-session-line-items"

/** Adds variants to a session at the host's price; a variant already there adds to its line. */
export const addCartSessionLineItemsWorkflow = createWorkflow(
  addCartSessionLineItemsWorkflowId,
  (input: AddCartSessionLineItemsWorkflowInput) => {
    changeCartSession(input, (session) => {
      const items = resolveSellableVariantsStep({ market: session, items: input.items })
      return [addLineItemsStep({ cart_session_id: input.cart_session_id, items })]
    })
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
