import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"

export type ValidateCartSessionPricedStepInput = { session: Sealed<CartSessionState> }

export const validateCartSessionPricedStepId = "validate-cart-session-priced"

/**
 * The convert gate: a session whose codes are not all priced cannot go to
 * checkout (CART_SESSION_DISCOUNT_PENDING, naming the pending codes).
 */
export const validateCartSessionPricedStep = createStep(
  validateCartSessionPricedStepId,
  async ({ session: sealed }: ValidateCartSessionPricedStepInput) => {
    const session = unseal(sealed)
    const pending = session.discounts.filter((discount) => discount.status === "PENDING")
    if (pending.length) {
      const codes = pending.map((discount) => discount.code ?? discount.id).join(", ")
      throw new CheckoutDiscountError(
        "CART_SESSION_DISCOUNT_PENDING",
        `Cart session ${session.id} has codes waiting to be priced (${codes}): ` +
          `price it (POST /store/cart-sessions/${session.id}/price) and convert again`
      )
    }
    return new StepResponse(undefined)
  }
)
