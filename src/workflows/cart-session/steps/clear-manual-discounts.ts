import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { clearManualDiscounts } from "../../../lib/cart-session/manual-discounts"

export type ClearManualDiscountsStepInput = { session: Sealed<CartSessionState> }

export const clearManualDiscountsStepId = "clear-cart-session-manual-discounts"

/** Removes every manual discount from the draft; a session without any is left as it is. Pure. */
export const clearManualDiscountsStep = createStep(
  clearManualDiscountsStepId,
  async ({ session }: ClearManualDiscountsStepInput) => new StepResponse(seal(clearManualDiscounts(unseal(session))))
)
