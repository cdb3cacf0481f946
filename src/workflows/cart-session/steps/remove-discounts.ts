import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { sameCode } from "../utils/code-plan"
import { cartSessionService, loadCartSession } from "../utils/load"

/** One of the two: every row of a code (any case, any merchant scope), or one discount by id. */
export type RemoveDiscountsStepInput = { cart_session_id: string; code?: string; discount_id?: string }

/**
 * Removes a session's code discounts (soft delete); an unknown code or id is
 * CART_SESSION_DISCOUNT_NOT_FOUND. Compensation restores them.
 */
export const removeDiscountsStep = createStep(
  "remove-cart-session-discounts",
  async (input: RemoveDiscountsStepInput, { container }) => {
    const session = await loadCartSession(container, input.cart_session_id)
    const codes = session.discounts.filter((discount) => discount.type === "CODE")
    const matching = input.discount_id
      ? codes.filter((discount) => discount.id === input.discount_id)
      : codes.filter((discount) => sameCode(discount, { code: input.code ?? null }))
    if (!matching.length) {
      const what = input.discount_id ? `Discount ${input.discount_id}` : `Code ${input.code}`
      throw new CheckoutDiscountError(
        "CART_SESSION_DISCOUNT_NOT_FOUND",
        `${what} was not found in cart session ${input.cart_session_id}`
      )
    }
    const ids = matching.map((discount) => discount.id)
    await cartSessionService(container).softDeleteCartSessionDiscounts(ids)
    return new StepResponse({ changed: true }, ids)
  },
  async (removedIds, { container }) => {
    if (!removedIds?.length) {
      return
    }
    await cartSessionService(container).restoreCartSessionDiscounts(removedIds)
  }
)
