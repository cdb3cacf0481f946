import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { unseal } from "../helpers/sealed"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CartSessionEvents } from "../events"
import {
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  setManualDiscountsStep,
  takeCartSessionTurnStep,
} from "../steps"
import { buildAdminCartSessionView } from "../views/admin-cart-session-view"
import type { WantedCartDiscount, WantedItemDiscount } from "../../../lib/cart-session/manual-discounts"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type SetCartSessionManualDiscountsWorkflowInput = CartSessionChangeInput & {
  /** Cart-level: each amount shared over every line of the session by value. */
  cart?: WantedCartDiscount[]
  /** Item-level: each amount on its line, which codes then leave out. */
  items?: WantedItemDiscount[]
  /** The admin user setting them. */
  created_by: string | null
}

export const setCartSessionManualDiscountsWorkflowId = "set-cart-session-manual-discounts"

/**
 * Replaces every manual discount of an open session with the ones given,
 * prices the session and commits it; then emits
 * `cart_session.manual_discounts_set`. A refusal changes nothing. Answers the
 * admin's view of the session (without the authors' names: see the routes).
 */
export const setCartSessionManualDiscountsWorkflow = createWorkflow(
  setCartSessionManualDiscountsWorkflowId,
  (input: SetCartSessionManualDiscountsWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const draft = setManualDiscountsStep({
      session: loaded.draft,
      cart: input.cart,
      items: input.items,
      created_by: input.created_by,
    })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, return_session: true })
    releaseCartSessionTurnStep(turn)
    const view = transform({ changed }, ({ changed }) => buildAdminCartSessionView(unseal(changed.session!), changed.view))
    emitEventStep({
      eventName: CartSessionEvents.MANUAL_DISCOUNTS_SET,
      data: transform({ view }, ({ view }) => ({
        id: view.id,
        manual_discount_ids: view.manual_discounts.map((discount) => discount.id),
      })),
    })
    return new WorkflowResponse(view)
  }
)
