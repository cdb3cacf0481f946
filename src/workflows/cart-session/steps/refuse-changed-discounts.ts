import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { commitSessionOrConflict } from "../helpers/commit-session"
import { changedCodes } from "./price-cart-session-draft"

export type RefuseChangedDiscountsStepInput = { before: CartSessionState; after: CartSessionState }

export const refuseChangedDiscountsStepId = "refuse-changed-cart-session-discounts"

/**
 * The convert gate after re-pricing: a code whose status changed since the
 * shopper last saw it (it expired, ran out of uses) refuses the convert with
 * CART_SESSION_DISCOUNT_CHANGED naming the code and its new status. The
 * re-priced session is saved first, so the shopper sees the new status and a
 * second convert goes through without that code.
 */
export const refuseChangedDiscountsStep = createStep(
  refuseChangedDiscountsStepId,
  async ({ before, after }: RefuseChangedDiscountsStepInput, { container }) => {
    await saveAndRefuseChangedCodes(container, before, after)
    return new StepResponse(undefined)
  }
)

/** Commits `after` and throws CART_SESSION_DISCOUNT_CHANGED when its codes' statuses differ from `before`'s. */
export async function saveAndRefuseChangedCodes(container: MedusaContainer, before: CartSessionState, after: CartSessionState) {
  const changed = changedCodes(before, after)
  if (!changed.length) {
    return
  }
  await commitSessionOrConflict(container, before, after)
  const list = changed.map((discount) => `${discount.code} is now ${discount.status}`).join("; ")
  throw new CheckoutDiscountError(
    "CART_SESSION_DISCOUNT_CHANGED",
    `Cart session ${after.id} was priced again before checkout and its codes changed (${list}): review it and convert again`
  )
}
