import type { CreateLineItemAdjustmentDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { cartAdjustmentsOf } from "../../../lib/cart-session/host-cart"
import type { HostCartState } from "../host/cart-state"

export type CarryDiscountsToCartStepInput = {
  /** The host cart made from the session, as read when its prices were confirmed. */
  cart: HostCartState
  session: Sealed<CartSessionState>
}

export const carryDiscountsToCartStepId = "carry-cart-session-discounts-to-cart"

/**
 * Puts the session's discounts on the host cart made from it, as the
 * plugin's code-less line adjustments (see CART_ADJUSTMENT_PROVIDER), on
 * lines whose prices were confirmed (confirmCartPricesStep; checked again,
 * CART_SESSION_PRICES_CHANGED). Compensation removes them.
 */
export const carryDiscountsToCartStep = createStep(
  carryDiscountsToCartStepId,
  async ({ cart, session }: CarryDiscountsToCartStepInput, { container }) => {
    const adjustments = cartAdjustmentsOf(unseal(session), cart.items)
    // The host's type asks for a code; its model takes none, which is what keeps the adjustment through refreshes.
    const created = adjustments.length
      ? await container.resolve(Modules.CART).addLineItemAdjustments(adjustments as unknown as CreateLineItemAdjustmentDTO[])
      : []
    const ids = created.map((adjustment) => adjustment.id)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve(Modules.CART).softDeleteLineItemAdjustments(ids)
    }
  }
)
