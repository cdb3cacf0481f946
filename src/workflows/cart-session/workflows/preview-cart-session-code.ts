import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildCodePreviewStep, checkSessionCodesStep, loadCartSessionStep } from "../steps"
import type { WantedCode } from "../../../lib/cart-session/code-plan"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"

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
    const loaded = loadCartSessionStep(input)
    const codes = checkSessionCodesStep({ session: loaded.draft, preview_code: input.code })
    const preview = buildCodePreviewStep({ session: loaded.draft, codes })
    return new WorkflowResponse(preview)
  }
)
