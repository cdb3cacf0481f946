import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { removeDiscounts } from "../../../lib/cart-session/session-draft"

/** One of the two: every row of a code (any case, any merchant given), or one discount by id. */
export type RemoveDiscountsStepInput = { session: Sealed<CartSessionState>; code?: string; discount_id?: string }

export const removeDiscountsStepId = "remove-cart-session-discounts"

/** Removes code discounts from the draft; an unknown code or id is CART_SESSION_DISCOUNT_NOT_FOUND. */
export const removeDiscountsStep = createStep(
  removeDiscountsStepId,
  async ({ session, ...target }: RemoveDiscountsStepInput) => new StepResponse(seal(removeDiscounts(unseal(session), target)))
)
