import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { cartSessionService } from "../helpers/service"
import { removeLines, setLineQuantity } from "../../../lib/cart-session/session-draft"

export type SetLineItemQuantityStepInput = {
  session: Sealed<CartSessionState>
  line_item_id: string
  /** 0 removes the line. */
  quantity: number
}

export const setLineItemQuantityStepId = "set-cart-session-line-item-quantity"

/** Sets a line's quantity in the draft; 0 removes it. An add-on line is there (1) or not (0). */
export const setLineItemQuantityStep = createStep(
  setLineItemQuantityStepId,
  async ({ session, line_item_id, quantity }: SetLineItemQuantityStepInput, { container }) =>
    new StepResponse(
      seal(setLineQuantity(unseal(session), line_item_id, quantity, cartSessionService(container).getOptions().maxLineQuantity))
    )
)

export type RemoveLineItemsStepInput = { session: Sealed<CartSessionState>; line_item_ids: string[] }

export const removeLineItemsStepId = "remove-cart-session-line-items"

/** Removes lines from the draft. */
export const removeLineItemsStep = createStep(
  removeLineItemsStepId,
  async ({ session, line_item_ids }: RemoveLineItemsStepInput) => new StepResponse(seal(removeLines(unseal(session), line_item_ids)))
)
