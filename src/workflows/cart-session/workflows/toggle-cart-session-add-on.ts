import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { unseal } from "../helpers/sealed"
import {
  addLineItemsStep,
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  removeLineItemsStep,
  resolveAddOnStep,
  resolveSessionPricingContextStep,
  takeCartSessionTurnStep,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

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
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const pricing = resolveSessionPricingContextStep({ session: loaded.pricing_scope })
    const selected = when("select-cart-session-add-on", { input }, ({ input }) => input.selected).then(() => {
      const addOn = resolveAddOnStep({ session: loaded.draft, pricing_context: pricing, add_on_id: input.add_on_id })
      return addLineItemsStep({ session: loaded.draft, items: transform({ addOn }, ({ addOn }) => [addOn]) })
    })
    const deselected = when("deselect-cart-session-add-on", { input }, ({ input }) => !input.selected).then(() => {
      const lineIds = transform({ loaded, input }, ({ loaded, input }) =>
        unseal(loaded.draft).items.filter((line) => line.is_add_on && line.variant_id === input.add_on_id).map((line) => line.id)
      )
      return removeLineItemsStep({ session: loaded.draft, line_item_ids: lineIds })
    })
    const draft = transform({ selected, deselected }, ({ selected, deselected }) => (selected ?? deselected)!)
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, pricing_context: pricing, idempotency: input.idempotency })
    releaseCartSessionTurnStep(turn)
    return new WorkflowResponse(changed.view)
  }
)
