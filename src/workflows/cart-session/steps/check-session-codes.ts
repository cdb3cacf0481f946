import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { planCodeAdditions, sameScopedCode, sessionCodesOf, WantedCode } from "../../../lib/cart-session/code-plan"
import { PREVIEW_DISCOUNT_ID, type SessionCouponVerdicts } from "../../../lib/cart-session/price-draft"
import type { StoredCode } from "../../../lib/cart-session/pricing-input"
import { checkCodesOf } from "../helpers/check-codes"
import { cartSessionService } from "../helpers/service"
import { unseal, type Sealed } from "../helpers/sealed"
import type { SessionCatalogue } from "./fetch-session-catalogue"

export type CheckSessionCodesInput = {
  session: CartSessionState
  /** A code to price as if it were added last (validate_only); nothing is written. */
  preview_code?: WantedCode | null
  /** The catalogue the change read: coupon rules take the products' collection and type and the customer's groups from it. */
  catalogue?: SessionCatalogue
}

/** checkSessionCodes's input as a step takes it: the session sealed (helpers/sealed.ts). */
export type CheckSessionCodesStepInput = Omit<CheckSessionCodesInput, "session"> & { session: Sealed<CartSessionState> }

export type CheckedSessionCodes = SessionCouponVerdicts & {
  /** The previewed code when it is not in the session yet (priced under PREVIEW_DISCOUNT_ID). */
  preview: StoredCode | null
  /** The discount that answers the preview: the code's own row, or PREVIEW_DISCOUNT_ID. */
  preview_discount_id: string | null
}

export const checkSessionCodesStepId = "check-cart-session-codes"

/**
 * Asks the coupon module, once for all of them, what every code of the
 * session and every live automatic coupon is worth now for the session's
 * shopper: dates, usage and per-customer limits (counted by the customer, or
 * a guest's email), the coupon's terms; then the facts their rules read, if
 * any has rules. Read only.
 */
export async function checkSessionCodes(
  container: MedusaContainer,
  { session, preview_code, catalogue }: CheckSessionCodesInput
): Promise<CheckedSessionCodes> {
  let preview: StoredCode | null = null
  let previewDiscountId: string | null = null
  if (preview_code) {
    const codes = sessionCodesOf(session.discounts)
    const maxCodes = cartSessionService(container).getOptions().maxCodesPerSession
    const { toCreate, present } = planCodeAdditions(codes, [preview_code], { maxCodes })
    if (toCreate.length) {
      preview = { id: PREVIEW_DISCOUNT_ID, code: toCreate[0].code, merchant_id: toCreate[0].merchant_id ?? null }
      previewDiscountId = PREVIEW_DISCOUNT_ID
    } else {
      previewDiscountId = present.find((code) => sameScopedCode(code, preview_code))!.id
    }
  }
  return {
    ...(await checkCodesOf(container, session, preview, catalogue ?? null)),
    preview,
    preview_discount_id: previewDiscountId,
  }
}

/** checkSessionCodes as a step. */
export const checkSessionCodesStep = createStep(
  checkSessionCodesStepId,
  async ({ session, ...input }: CheckSessionCodesStepInput, { container }) =>
    new StepResponse(await checkSessionCodes(container, { ...input, session: unseal(session) }))
)
