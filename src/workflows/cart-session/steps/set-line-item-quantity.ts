import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { cartSessionService, loadCartSession } from "../utils/load"
import { assertLineQuantity } from "../utils/session-rules"

export type SetLineItemQuantityStepInput = {
  cart_session_id: string
  line_item_id: string
  /** 0 removes the line. */
  quantity: number
}

type Compensation = { id: string; quantity: number; removed: boolean }

/**
 * Sets a line's quantity; 0 removes it (soft delete). An add-on line is
 * either there (1) or not (0). Compensation restores the line as it was.
 */
export const setLineItemQuantityStep = createStep(
  "set-cart-session-line-item-quantity",
  async (input: SetLineItemQuantityStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const session = await loadCartSession(container, input.cart_session_id)
    const line = session.items.find((item) => item.id === input.line_item_id)
    if (!line) {
      throw new CheckoutDiscountError(
        "CART_SESSION_LINE_ITEM_NOT_FOUND",
        `Line item ${input.line_item_id} was not found in cart session ${input.cart_session_id}`
      )
    }
    if (input.quantity === 0) {
      await sessions.softDeleteCartSessionLineItems([line.id])
      return new StepResponse({ changed: true }, { id: line.id, quantity: line.quantity, removed: true } as Compensation | null)
    }
    assertLineQuantity(input.quantity, line.is_add_on ? 1 : sessions.getOptions().maxLineQuantity)
    if (input.quantity === line.quantity) {
      return new StepResponse({ changed: false }, null as Compensation | null)
    }
    await sessions.updateCartSessionLineItems({ id: line.id, quantity: input.quantity })
    return new StepResponse({ changed: true }, { id: line.id, quantity: line.quantity, removed: false } as Compensation | null)
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const sessions = cartSessionService(container)
    if (compensation.removed) {
      await sessions.restoreCartSessionLineItems([compensation.id])
    } else {
      await sessions.updateCartSessionLineItems({ id: compensation.id, quantity: compensation.quantity })
    }
  }
)
