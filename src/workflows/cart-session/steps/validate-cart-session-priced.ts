import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { changedCodes } from "./price-cart-session-draft"

export type ValidateCartSessionPricedStepInput = { session: CartSessionState }

export const validateCartSessionPricedStepId = "validate-cart-session-priced"

/**
 * The convert gate: a session whose codes are not all priced cannot go to
 * checkout (CART_SESSION_DISCOUNT_PENDING, naming the pending codes).
 */
export const validateCartSessionPricedStep = createStep(
  validateCartSessionPricedStepId,
  async ({ session }: ValidateCartSessionPricedStepInput) => {
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

export type ValidateDiscountsUnchangedStepInput = { before: CartSessionState; after: CartSessionState }

export const validateDiscountsUnchangedStepId = "validate-cart-session-discounts-unchanged"

/**
 * The second convert gate, after re-pricing: a code whose status changed
 * since the shopper last saw it (it expired, ran out of uses) is refused with
 * CART_SESSION_DISCOUNT_CHANGED naming the code and its new status. The
 * re-priced session is already saved, so the shopper sees the new status.
 */
export const validateDiscountsUnchangedStep = createStep(
  validateDiscountsUnchangedStepId,
  async ({ before, after }: ValidateDiscountsUnchangedStepInput) => {
    const changed = changedCodes(before, after)
    if (changed.length) {
      const list = changed.map((discount) => `${discount.code} is now ${discount.status}`).join("; ")
      throw new CheckoutDiscountError(
        "CART_SESSION_DISCOUNT_CHANGED",
        `Cart session ${after.id} was priced again before checkout and its codes changed (${list}): review it and convert again`
      )
    }
    return new StepResponse(undefined)
  }
)
