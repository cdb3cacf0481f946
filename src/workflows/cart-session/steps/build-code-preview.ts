import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PricedSession } from "../../../lib/pricing"

export type CodePreview = {
  code: string
  merchant_id: string | null
  status: string
  /** Minor units of the session's currency. */
  saving: number
  message: string
}

export type BuildCodePreviewStepInput = { priced: PricedSession; discount_id: string | null }

/** What the previewed code would do in the session: its status, saving and message. Pure. */
export const buildCodePreviewStep = createStep(
  "build-cart-session-code-preview",
  async ({ priced, discount_id }: BuildCodePreviewStepInput) => {
    const result = priced.discounts.find((discount) => discount.id === discount_id)!
    const preview: CodePreview = {
      code: result.code ?? "",
      merchant_id: result.merchant_id,
      status: result.status,
      saving: result.amount_total,
      message: result.message,
    }
    return new StepResponse(preview)
  }
)
