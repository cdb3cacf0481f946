import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { assertCouponCode } from "../../../modules/coupon/utils/code"
import { planCodeAdditions, sameScopedCode, sessionCodesOf } from "../utils/code-plan"
import { cartSessionService, loadCartSession, nextPosition } from "../utils/load"

export type SetPrimaryCodeStepInput = {
  cart_session_id: string
  /** `null` clears the primary code. */
  code: string | null
}

type Compensation = { removed: string[]; created: string[]; promoted: string[] }

/**
 * Sets or clears the session's primary code (one per session, store-wide
 * scope). The previous primary code is removed; a code the session already
 * carries is promoted instead of added twice. Counts against
 * `maxCodesPerSession`. Compensation puts the previous primary code back.
 */
export const setPrimaryCodeStep = createStep(
  "set-cart-session-primary-code",
  async (input: SetPrimaryCodeStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const session = await loadCartSession(container, input.cart_session_id)
    const codes = sessionCodesOf(session.discounts)
    const primary = codes.find((discount) => discount.is_primary)
    const compensation: Compensation = { removed: [], created: [], promoted: [] }
    const wanted = input.code === null ? null : { code: input.code, merchant_id: null }

    if (wanted) {
      assertCouponCode(wanted.code, "code")
      if (primary && sameScopedCode(primary, wanted)) {
        return new StepResponse({ changed: false }, compensation)
      }
    }
    const promoted = wanted && codes.find((discount) => !discount.is_primary && sameScopedCode(discount, wanted))
    const plan =
      wanted && !promoted
        ? planCodeAdditions(codes, [wanted], {
            maxCodes: sessions.getOptions().maxCodesPerSession,
            freed: primary ? 1 : 0,
          })
        : null

    if (primary) {
      await sessions.softDeleteCartSessionDiscounts([primary.id])
      compensation.removed.push(primary.id)
    }
    if (promoted) {
      await sessions.updateCartSessionDiscounts({ id: promoted.id, is_primary: true })
      compensation.promoted.push(promoted.id)
    } else if (plan?.toCreate.length) {
      const created = await sessions.createCartSessionDiscounts({
        cart_session_id: session.id,
        position: nextPosition(session.discounts),
        type: "CODE",
        code: plan.toCreate[0].code,
        merchant_id: null,
        scope_merchant_id: null,
        is_primary: true,
        status: "PENDING",
      })
      compensation.created.push(created.id)
    }
    const changed = compensation.removed.length + compensation.promoted.length + compensation.created.length > 0
    return new StepResponse({ changed }, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const sessions = cartSessionService(container)
    // Undo the new primary first: one primary code per session is enforced by a unique index.
    if (compensation.created.length) {
      await sessions.deleteCartSessionDiscounts(compensation.created)
    }
    if (compensation.promoted.length) {
      await sessions.updateCartSessionDiscounts(compensation.promoted.map((id) => ({ id, is_primary: false })))
    }
    if (compensation.removed.length) {
      await sessions.restoreCartSessionDiscounts(compensation.removed)
    }
  }
)
