import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMinorUnits } from "../../../lib/pricing"
import type { CartSessionState } from "../../../modules/cart-session"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import type { CatalogueVariant } from "../utils/host-catalogue"
import { priceDraft } from "../utils/price-draft"
import { cartSessionService } from "../utils/service"
import { touchSession } from "../utils/session-draft"
import { checkCodesOf } from "./check-session-codes"
import { saveAndRefuseChangedCodes } from "./refuse-changed-discounts"

export type TakeCouponSeatsStepInput = {
  /** The session as loaded. */
  before: CartSessionState
  /** The session as priced for convert. */
  session: CartSessionState
  /** The host's variants it was priced with. */
  variants: Record<string, CatalogueVariant>
}

export const takeCouponSeatsStepId = "take-cart-session-coupon-seats"

const LIMIT_ERRORS = new Set(["COUPON_USAGE_LIMIT_REACHED", "COUPON_CUSTOMER_LIMIT_REACHED"])

/**
 * Takes one seat of each applied code's coupon for the session, all or
 * nothing, under the coupons' row locks (the limits are re-checked there, so
 * they hold across processes). When a limit was reached since the session
 * was priced, the session is priced again with what the coupon module says
 * now, saved, and the convert is refused with CART_SESSION_DISCOUNT_CHANGED
 * (e.g. "SAVE10 is now USAGE_LIMIT_REACHED"). Compensation gives the seats back.
 */
export const takeCouponSeatsStep = createStep(
  takeCouponSeatsStepId,
  async ({ before, session, variants }: TakeCouponSeatsStepInput, { container }) => {
    const applied = session.discounts.filter(
      (discount) => discount.type === "CODE" && discount.status === "APPLIED" && discount.coupon_id
    )
    if (!applied.length) {
      return new StepResponse([] as string[], [] as string[])
    }
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    try {
      const seats = await coupons.recordRedemptions(
        applied.map((discount) => ({
          coupon_id: discount.coupon_id!,
          cart_session_id: session.id,
          customer_id: session.customer_id,
          amount: fromMinorUnits(discount.amount_total, session.currency_code),
          currency_code: session.currency_code,
          metadata: { code: discount.code, cart_session_discount_id: discount.id },
        }))
      )
      const ids = seats.map((seat) => seat.id)
      return new StepResponse(ids, ids)
    } catch (error: any) {
      if (!LIMIT_ERRORS.has(error?.code)) {
        throw error
      }
      const { state } = priceDraft(session, variants, await checkCodesOf(container, session))
      const options = cartSessionService(container).getOptions()
      const repriced = touchSession(before, state, { now: new Date(), lifetimeMinutes: options.sessionLifetimeMinutes })
      await saveAndRefuseChangedCodes(container, before, repriced)
      throw error // a seat came free in between: the coupon module's own answer
    }
  },
  async (seatIds, { container }) => {
    if (seatIds?.length) {
      await container.resolve<CouponModuleService>(COUPON_MODULE).releaseRedemptions(seatIds)
    }
  }
)
