import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponEligibility, CouponModuleService } from "../../../modules/coupon"
import { planCodeAdditions, sameScopedCode, sessionCodesOf, WantedCode } from "../utils/code-plan"
import { cartSessionService, loadCartSession } from "../utils/load"
import { buildSessionPricingInput, SessionPricingInput, StoredCode } from "../utils/pricing-input"

export type GatherSessionPricingInputStepInput = {
  cart_session_id: string
  /** A code to price as if it were added last (validate_only); nothing is written. */
  preview_code?: WantedCode | null
}

export type GatheredSessionPricing = SessionPricingInput & {
  /** The discount that answers the preview: the code's row, or PREVIEW_DISCOUNT_ID when it is not in the session. */
  preview_discount_id: string | null
}

export const PREVIEW_DISCOUNT_ID = "preview"

/**
 * Gathers what pricing needs: the session's lines and codes, and for every
 * code what the coupon module says of it for its merchant scope and the
 * session's customer (dates, usage limits, per-customer limits).
 */
export const gatherSessionPricingInputStep = createStep(
  "gather-cart-session-pricing-input",
  async (input: GatherSessionPricingInputStepInput, { container }) => {
    const session = await loadCartSession(container, input.cart_session_id)
    const codes = sessionCodesOf(session.discounts)
    const rows = codes.map((code): StoredCode => ({ id: code.id, code: code.code!, merchant_id: code.merchant_id }))

    let previewDiscountId: string | null = null
    if (input.preview_code) {
      const maxCodes = cartSessionService(container).getOptions().maxCodesPerSession
      const { toCreate } = planCodeAdditions(codes, [input.preview_code], { maxCodes })
      previewDiscountId = toCreate.length
        ? PREVIEW_DISCOUNT_ID
        : rows.find((row) => sameScopedCode(row, input.preview_code!))!.id
      if (toCreate.length) {
        rows.push({ id: PREVIEW_DISCOUNT_ID, code: toCreate[0].code, merchant_id: toCreate[0].merchant_id ?? null })
      }
    }

    const eligibilities = await checkEligibilityByScope(
      container.resolve<CouponModuleService>(COUPON_MODULE),
      rows,
      session.customer_id
    )
    const lines = session.items.map((line) => ({ ...line, unit_price: Number(line.unit_price) }))
    const gathered: GatheredSessionPricing = {
      ...buildSessionPricingInput(session.currency_code, lines, rows, eligibilities),
      preview_discount_id: previewDiscountId,
    }
    return new StepResponse(gathered)
  }
)

/** One eligibility query per merchant scope (null = store-wide), answers by discount id. */
async function checkEligibilityByScope(
  coupons: CouponModuleService,
  rows: StoredCode[],
  customerId: string | null
): Promise<Record<string, CouponEligibility>> {
  const byScope = new Map<string | null, StoredCode[]>()
  rows.forEach((row) => byScope.set(row.merchant_id, [...(byScope.get(row.merchant_id) ?? []), row]))
  const answers: Record<string, CouponEligibility> = {}
  for (const [merchantId, scoped] of byScope) {
    const results = await coupons.checkEligibility({
      codes: scoped.map((row) => row.code),
      merchant_id: merchantId,
      customer_id: customerId,
    })
    scoped.forEach((row, index) => (answers[row.id] = results[index]))
  }
  return answers
}
