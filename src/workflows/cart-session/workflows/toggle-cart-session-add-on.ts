import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addLineItemsStep, removeLineItemsStep, resolveAddOnStep } from "../steps"
import { CartSessionChangeInput, changeCartSession } from "../utils/compose"

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
    changeCartSession(input, (session) => {
      const selected = when("select-cart-session-add-on", { input }, ({ input }) => input.selected).then(() => {
        const addOn = resolveAddOnStep({ session, add_on_id: input.add_on_id })
        const items = transform({ addOn }, ({ addOn }) => [{ ...addOn, is_add_on: true }])
        return addLineItemsStep({ cart_session_id: input.cart_session_id, items })
      })
      const deselected = when("deselect-cart-session-add-on", { input }, ({ input }) => !input.selected).then(() => {
        const lineIds = transform({ session, input }, ({ session, input }) =>
          session.items.filter((line) => line.is_add_on && line.variant_id === input.add_on_id).map((line) => line.id)
        )
        return removeLineItemsStep({ line_item_ids: lineIds })
      })
      return [selected, deselected]
    })
    return new WorkflowResponse({ id: input.cart_session_id })
  }
)
