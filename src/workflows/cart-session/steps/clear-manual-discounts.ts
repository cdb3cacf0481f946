import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { clearManualDiscounts } from "../../../lib/cart-session/manual-discounts"

export type ClearManualDiscountsStepInput = { session: CartSessionState }

export const clearManualDiscountsStepId = "clear-cart-session-manual-discounts"

/** Removes every manual discount from the draft; a session without any is left as it is. Pure. */
export const clearManualDiscountsStep = createStep(
  clearManualDiscountsStepId,
  async ({ session }: ClearManualDiscountsStepInput) => new StepResponse(clearManualDiscounts(session))
)
