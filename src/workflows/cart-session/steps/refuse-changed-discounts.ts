import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { saveAndRefuseChangedCodes } from "../helpers/refuse-changed-codes"
import type { ShippingNotice } from "../../../lib/cart-session/shipping"

export type RefuseChangedDiscountsStepInput = {
  before: Sealed<CartSessionState>
  after: Sealed<CartSessionState>
  /** Shipping methods the re-pricing removed. */
  notices?: ShippingNotice[]
}

export const refuseChangedDiscountsStepId = "refuse-changed-cart-session-discounts"

/**
 * The convert gate after re-pricing: a code whose status changed since the
 * shopper last saw it (it expired, ran out of uses) refuses the convert with
 * CART_SESSION_DISCOUNT_CHANGED naming the code and its new status. The
 * re-priced session is saved first, so the shopper sees the new status and a
 * second convert goes through without that code. A bag's shipping method
 * removed or priced differently refuses it the same way
 * (CART_SESSION_SHIPPING_CHANGED).
 */
export const refuseChangedDiscountsStep = createStep(
  refuseChangedDiscountsStepId,
  async ({ before, after, notices = [] }: RefuseChangedDiscountsStepInput, { container }) => {
    await saveAndRefuseChangedCodes(container, unseal(before), unseal(after), notices)
    return new StepResponse(undefined)
  }
)
