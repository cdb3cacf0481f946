import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import type { WantedCode } from "../../../lib/cart-session/code-plan"
import { cartSessionService } from "../helpers/service"
import { addCodes } from "../../../lib/cart-session/session-draft"

export type AddCodesStepInput = {
  session: Sealed<CartSessionState>
  codes: WantedCode[]
  /** How the request names its codes, for messages: "discounts" → discounts[0].code; absent → code. */
  field?: string
}

export const addCodesStepId = "add-cart-session-codes"

/**
 * Adds codes to the draft as PENDING, after the ones it has. A code already
 * there with the same merchant given is not added twice. Refuses a malformed
 * code and going past `maxCodesPerSession`.
 */
export const addCodesStep = createStep(addCodesStepId, async (input: AddCodesStepInput, { container }) => {
  const maxCodes = cartSessionService(container).getOptions().maxCodesPerSession
  return new StepResponse(seal(addCodes(unseal(input.session), input.codes, { maxCodes, field: input.field })))
})
