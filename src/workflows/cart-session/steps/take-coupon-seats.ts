import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMinorUnits } from "../../../lib/pricing"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { checkCodesOf } from "../helpers/check-codes"
import { priceSessionChange } from "../helpers/price-session-change"
import { saveAndRefuseChangedCodes } from "../helpers/refuse-changed-codes"

export type TakeCouponSeatsStepInput = {
  /** The session as loaded. */
  before: Sealed<CartSessionState>
  /** The session as priced for convert. */
  session: Sealed<CartSessionState>
  /** The host's variants it was priced with. */
  variants: Record<string, CatalogueVariant>
}

export const takeCouponSeatsStepId = "take-cart-session-coupon-seats"

const LIMIT_ERRORS = new Set(["COUPON_USAGE_LIMIT_REACHED", "COUPON_CUSTOMER_LIMIT_REACHED"])

/** Tries for seats that came free while a limit was being confirmed, before answering the module's own 409. */
const SEAT_ATTEMPTS = 3

/**
 * Seats the session still holds from a convert that died before its commit
 * (its process was killed after the seats were taken), for codes it no
 * longer applies: given back, under the coupons' row locks, so the commit
 * (which hands every seat of the session to its cart) never gives an order a
 * seat of a code it does not carry. Seats of codes it still applies are
 * taken over by recordRedemptions instead (one seat per holder and coupon),
 * so a retried convert never takes a second one.
 */
async function releaseLeftoverSeats(coupons: CouponModuleService, cartSessionId: string, keep: string[]) {
  const held = await coupons.listCouponRedemptions({ cart_session_id: cartSessionId, order_id: null }, { select: ["id"] })
  const leftovers = held.map((seat) => seat.id).filter((id) => !keep.includes(id))
  if (leftovers.length) {
    await coupons.releaseRedemptions(leftovers)
  }
}

/**
 * Takes one seat of each applied code's (or automatic discount's) coupon for the session, all or
 * nothing, under the coupons' row locks (the limits are re-checked there, so
 * they hold across processes). When a limit was reached since the session
 * was priced, the session is priced again with what the coupon module says
 * now, saved, and the convert is refused with CART_SESSION_DISCOUNT_CHANGED
 * (e.g. "SAVE10 is now USAGE_LIMIT_REACHED"). When the coupon module shows a
 * seat free again by then (another was just released), the seats are tried
 * for again, up to SEAT_ATTEMPTS times, before the module's own 409
 * COUPON_USAGE_LIMIT_REACHED is answered. Compensation gives the seats back.
 */
export const takeCouponSeatsStep = createStep(
  takeCouponSeatsStepId,
  async ({ before: sealedBefore, session: sealed, variants }: TakeCouponSeatsStepInput, { container }) => {
    const session = unseal(sealed)
    const applied = session.discounts.filter(
      (discount) => discount.type !== "MANUAL" && discount.status === "APPLIED" && discount.coupon_id
    )
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    if (!applied.length) {
      await releaseLeftoverSeats(coupons, session.id, [])
      return new StepResponse([] as string[], [] as string[])
    }
    const seatsWanted = applied.map((discount) => ({
      coupon_id: discount.coupon_id!,
      cart_session_id: session.id,
      customer_id: session.customer_id,
      email: session.email,
      amount: fromMinorUnits(discount.amount_total, session.currency_code),
      currency_code: session.currency_code,
      metadata: { code: discount.code, cart_session_discount_id: discount.id },
    }))
    for (let attempt = 1; ; attempt++) {
      try {
        const ids = (await coupons.recordRedemptions(seatsWanted)).map((seat) => seat.id)
        await releaseLeftoverSeats(coupons, session.id, ids)
        return new StepResponse(ids, ids)
      } catch (error: any) {
        if (!LIMIT_ERRORS.has(error?.code)) {
          throw error
        }
        const before = unseal(sealedBefore)
        const repriced = priceSessionChange(container, before, session, variants, await checkCodesOf(container, session), true)
        await saveAndRefuseChangedCodes(container, before, repriced)
        // A seat came free between the refusal and the look: try for it again, a few times.
        if (attempt >= SEAT_ATTEMPTS) {
          throw error
        }
      }
    }
  },
  async (seatIds, { container }) => {
    if (seatIds?.length) {
      await container.resolve<CouponModuleService>(COUPON_MODULE).releaseRedemptions(seatIds)
    }
  }
)
