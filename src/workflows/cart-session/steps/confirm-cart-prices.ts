import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { cartPriceDifferences, cartPricesChangedMessage, withCartPrices } from "../../../lib/cart-session/host-cart"
import { commitSessionOrConflict } from "../helpers/commit-session"
import { HostCartState, loadHostCartState } from "../host/cart-state"
import type { CheckedSessionCodes } from "./check-session-codes"
import { priceSessionChange } from "../helpers/price-session-change"

export type ConfirmCartPricesStepInput = {
  /** The session as loaded. */
  before: Sealed<CartSessionState>
  /** The session as priced for convert. */
  session: Sealed<CartSessionState>
  /** The host's variants and the coupon module's verdicts it was priced with. */
  variants: Record<string, CatalogueVariant>
  codes: CheckedSessionCodes
  /** The host cart convert made from it. */
  cart_id: string
}

export const confirmCartPricesStepId = "confirm-cart-session-cart-prices"

/**
 * The host cart made at convert is the last word on prices: the host priced
 * its lines with the cart's own pricing context, which may hold more than a
 * session knows (a store's own setPricingContext hooks). When every line
 * costs what the session says, the cart is returned as read. When one does
 * not, the session is priced again at the cart's prices (remembered on those
 * lines, so the next convert keeps them), saved, and the convert refused
 * with CART_SESSION_PRICES_CHANGED naming each line; the workflow's
 * compensation deletes the cart and gives the seats back. The shopper sees
 * the new prices, and the next convert, whose cart prices the same, passes.
 */
export const confirmCartPricesStep = createStep(
  confirmCartPricesStepId,
  async ({ before: sealedBefore, session: sealed, ...input }: ConfirmCartPricesStepInput, { container }) => {
    const session = unseal(sealed)
    const cart: HostCartState | null = await loadHostCartState(container, input.cart_id)
    const differences = cartPriceDifferences(session, cart?.items ?? [])
    if (cart && !differences.length) {
      return new StepResponse(cart)
    }
    // A line the cart lacks, or has at another quantity, has no price to take: refused without saving.
    const saved = differences.length > 0 && differences.every((difference) => difference.cart_price !== null)
    if (saved) {
      const before = unseal(sealedBefore)
      const atCartPrices = priceSessionChange(
        container,
        before,
        withCartPrices(session, differences),
        input.variants,
        input.codes,
        true
      )
      await commitSessionOrConflict(container, before, atCartPrices)
    }
    throw new CheckoutDiscountError("CART_SESSION_PRICES_CHANGED", cartPricesChangedMessage(session, differences, saved))
  }
)
