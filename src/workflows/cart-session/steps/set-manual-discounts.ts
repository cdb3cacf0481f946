import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { setManualDiscounts, WantedCartDiscount, WantedItemDiscount } from "../../../lib/cart-session/manual-discounts"

export type SetManualDiscountsStepInput = {
  session: Sealed<CartSessionState>
  cart?: WantedCartDiscount[]
  items?: WantedItemDiscount[]
  /** The admin user setting them. */
  created_by: string | null
}

export const setManualDiscountsStepId = "set-cart-session-manual-discounts"

/**
 * Replaces the draft's manual discounts with the ones asked for. Refuses an
 * amount of 0 or less, finer than the currency or above what is left, a line
 * the session does not have, and a line an applied code discounts
 * (MANUAL_DISCOUNT_CONFLICT). Pure: nothing is written here.
 */
export const setManualDiscountsStep = createStep(
  setManualDiscountsStepId,
  async ({ session, cart, items, created_by }: SetManualDiscountsStepInput) =>
    new StepResponse(seal(setManualDiscounts(unseal(session), { cart, items, created_by, now: new Date().toISOString() })))
)
