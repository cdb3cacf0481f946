import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { unseal } from "../helpers/sealed"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CartSessionEvents } from "../events"
import {
  clearManualDiscountsStep,
  loadCartSessionStep,
  releaseCartSessionTurnStep,
  takeCartSessionTurnStep,
} from "../steps"
import { buildAdminCartSessionView } from "../views/admin-cart-session-view"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type ClearCartSessionManualDiscountsWorkflowInput = CartSessionChangeInput

export const clearCartSessionManualDiscountsWorkflowId = "clear-cart-session-manual-discounts"

/**
 * Removes every manual discount of an open session, prices what remains and
 * commits it; then emits `cart_session.manual_discounts_cleared`. A session
 * without manual discounts is answered as it is (same version, no event).
 */
export const clearCartSessionManualDiscountsWorkflow = createWorkflow(
  clearCartSessionManualDiscountsWorkflowId,
  (input: ClearCartSessionManualDiscountsWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    const draft = clearManualDiscountsStep({ session: loaded.draft })
    const changed = commitCartSessionChange({ before: loaded.session, draft, extend_expiry: true, return_session: true })
    releaseCartSessionTurnStep(turn)
    const view = transform({ changed }, ({ changed }) => buildAdminCartSessionView(unseal(changed.session!), changed.view))
    const hadManual = transform({ loaded }, ({ loaded }) => unseal(loaded.session).discounts.some((discount) => discount.manual))
    when("emit-cart-session-manual-discounts-cleared", { hadManual }, ({ hadManual }) => hadManual).then(() => {
      emitEventStep({
        eventName: CartSessionEvents.MANUAL_DISCOUNTS_CLEARED,
        data: transform({ view }, ({ view }) => ({ id: view.id })),
      })
    })
    return new WorkflowResponse(view)
  }
)
