import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { cartSessionService } from "../helpers/service"
import { addLines, NewLine } from "../../../lib/cart-session/session-draft"

export type AddLineItemsStepInput = { session: Sealed<CartSessionState>; items: NewLine[] }

export const addLineItemsStepId = "add-cart-session-line-items"

/**
 * Adds lines to the draft. A variant that already has a regular line adds to
 * its quantity (within the quantity limit); an add-on already selected stays
 * as it is. Nothing is written: the change is committed once, at its end.
 */
export const addLineItemsStep = createStep(
  addLineItemsStepId,
  async ({ session, items }: AddLineItemsStepInput, { container }) =>
    new StepResponse(seal(addLines(unseal(session), items, cartSessionService(container).getOptions().maxLineQuantity)))
)
