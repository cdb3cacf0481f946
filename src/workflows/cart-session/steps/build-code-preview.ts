import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMinorUnits } from "../../../lib/pricing"
import type { CodePreview } from "../../../client/types"

/** What a code would do in the session, in the session currency's major unit. */
export type { CodePreview }
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { priceDraft } from "../../../lib/cart-session/price-draft"
import type { CheckedSessionCodes } from "./check-session-codes"
import { storeRuleRegistry } from "../helpers/check-codes"

export type BuildCodePreviewStepInput = {
  session: Sealed<CartSessionState>
  codes: CheckedSessionCodes
}

export const buildCodePreviewStepId = "build-cart-session-code-preview"

/** What the previewed code would do in the session, priced with it added last: status, saving, message. Pure. */
export const buildCodePreviewStep = createStep(
  buildCodePreviewStepId,
  async ({ session: sealed, codes }: BuildCodePreviewStepInput, { container }) => {
    const session = unseal(sealed)
    // At the prices the shopper sees (as stored): a preview reads no catalogue.
    const { priced } = priceDraft(session, {}, codes, { registry: storeRuleRegistry(container), preview: codes.preview })
    const result = priced.discounts.find((discount) => discount.id === codes.preview_discount_id)!
    const preview: CodePreview = {
      code: result.code ?? "",
      merchant_id: result.merchant_id,
      status: result.status,
      saving: fromMinorUnits(result.amount_total, session.currency_code),
      message: result.message,
    }
    return new StepResponse(preview)
  }
)
