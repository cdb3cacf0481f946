import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { cartSessionService } from "../helpers/service"
import { setPrimaryCode } from "../../../lib/cart-session/session-draft"

export type SetPrimaryCodeStepInput = {
  session: Sealed<CartSessionState>
  /** `null` clears the primary code. */
  code: string | null
}

export const setPrimaryCodeStepId = "set-cart-session-primary-code"

/**
 * Sets or clears the draft's primary code (one per session, store-wide as
 * typed). The previous primary code goes; a code the session already carries
 * is promoted instead of added twice. Counts against `maxCodesPerSession`.
 */
export const setPrimaryCodeStep = createStep(
  setPrimaryCodeStepId,
  async ({ session, code }: SetPrimaryCodeStepInput, { container }) =>
    new StepResponse(seal(setPrimaryCode(unseal(session), code, cartSessionService(container).getOptions().maxCodesPerSession)))
)
