import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import { commitSessionOrConflict } from "../helpers/commit-session"
import { touchSession } from "../../../lib/cart-session/session-draft"

export type CommitConvertedSessionStepInput = {
  /** The session as loaded. */
  before: Sealed<CartSessionState>
  /** The session as priced for convert. */
  session: Sealed<CartSessionState>
  cart_id: string
}

export const commitConvertedSessionStepId = "commit-converted-cart-session"

/**
 * The last step of a convert: the session's coupon seats now belong to its
 * host cart, and the session becomes `converted` with `converted_cart_id`,
 * committed once, guarded by the version it was loaded at. Every earlier
 * step's compensation (seats, cart) undoes a convert that loses that race.
 */
export const commitConvertedSessionStep = createStep(
  commitConvertedSessionStepId,
  async ({ before: sealedBefore, session: sealed, cart_id }: CommitConvertedSessionStepInput, { container }) => {
    const before = unseal(sealedBefore)
    const session = unseal(sealed)
    await container.resolve<CouponModuleService>(COUPON_MODULE).moveSeatsToCart(session.id, cart_id)
    const converted = touchSession(
      before,
      { ...session, status: "converted", converted_cart_id: cart_id },
      { now: new Date(), lifetimeMinutes: null }
    )
    await commitSessionOrConflict(container, before, converted)
    return new StepResponse(seal(converted))
  }
)
