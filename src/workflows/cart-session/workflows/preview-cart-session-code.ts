import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  buildCodePreviewStep,
  gatherSessionPricingInputStep,
  loadCartSessionStep,
  priceMerchantBagsStep,
} from "../steps"
import type { WantedCode } from "../utils/code-plan"
import type { CartSessionChangeInput } from "../utils/compose"

export type PreviewCartSessionCodeWorkflowInput = CartSessionChangeInput & { code: WantedCode }

export const previewCartSessionCodeWorkflowId = "preview-cart-session-code"

/**
 * What adding a code would do (`validate_only`): the session priced with the
 * code added last, answered for that code. Writes nothing, so it takes no
 * lock and leaves the version as it is; it still refuses what adding would
 * (format, too many codes, a session not open, a stale version).
 */
export const previewCartSessionCodeWorkflow = createWorkflow(
  previewCartSessionCodeWorkflowId,
  (input: PreviewCartSessionCodeWorkflowInput) => {
    loadCartSessionStep({ cart_session_id: input.cart_session_id, actor: input.actor, version: input.version })
    const gathered = gatherSessionPricingInputStep({ cart_session_id: input.cart_session_id, preview_code: input.code })
    const priced = priceMerchantBagsStep(gathered.input)
    const preview = buildCodePreviewStep({ priced, discount_id: gathered.preview_discount_id })
    return new WorkflowResponse(preview)
  }
)
