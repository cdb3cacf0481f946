import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { addLineItemsStep, loadCartSessionStep, removeLineItemsStep, resolveAddOnStep } from "../steps"
import { CART_SESSION_LOCK, CartSessionChangeInput } from "../utils/session-rules"
import { commitCartSessionChangeWorkflow } from "./commit-cart-session-change"

export type ToggleCartSessionAddOnWorkflowInput = CartSessionChangeInput & {
  /** The add-on's variant id. */
  add_on_id: string
  selected: boolean
}

export const toggleCartSessionAddOnWorkflowId = "toggle-cart-session-add-on"

/**
 * Selects an add-on (a quantity-1 add-on line in its merchant's bag) or
 * deselects it. Selecting twice or deselecting what is not selected changes nothing.
 */
export const toggleCartSessionAddOnWorkflow = createWorkflow(
  toggleCartSessionAddOnWorkflowId,
  (input: ToggleCartSessionAddOnWorkflowInput) => {
    acquireLockStep({ key: input.cart_session_id, ...CART_SESSION_LOCK })
    const loaded = loadCartSessionStep(input)
    const selected = when("select-cart-session-add-on", { input }, ({ input }) => input.selected).then(() => {
      const addOn = resolveAddOnStep({ session: loaded.draft, add_on_id: input.add_on_id })
      return addLineItemsStep({ session: loaded.draft, items: transform({ addOn }, ({ addOn }) => [addOn]) })
    })
    const deselected = when("deselect-cart-session-add-on", { input }, ({ input }) => !input.selected).then(() => {
      const lineIds = transform({ loaded, input }, ({ loaded, input }) =>
        loaded.draft.items.filter((line) => line.is_add_on && line.variant_id === input.add_on_id).map((line) => line.id)
      )
      return removeLineItemsStep({ session: loaded.draft, line_item_ids: lineIds })
    })
    const draft = transform({ selected, deselected }, ({ selected, deselected }) => (selected ?? deselected)!)
    const changed = commitCartSessionChangeWorkflow.runAsStep({
      input: { before: loaded.session, draft, extend_expiry: true },
    })
    releaseLockStep({ key: input.cart_session_id })
    return new WorkflowResponse(changed.view)
  }
)
