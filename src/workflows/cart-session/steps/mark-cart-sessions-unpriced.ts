import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../helpers/service"

export type MarkCartSessionsUnpricedStepInput = { cart_session_ids: string[] }

export const markCartSessionsUnpricedStepId = "mark-cart-sessions-unpriced"

/**
 * Puts the given open sessions back to `priced: false` (version + 1) and
 * their codes to PENDING, in one transaction of single-statement updates, so
 * no change decided on the old prices or terms can be committed after it
 * (its version guard fails and it is decided again). Sessions already
 * unpriced are left alone. Returns the ids marked. No compensation: it is
 * the workflow's only write, and re-pricing undoes it.
 */
export const markCartSessionsUnpricedStep = createStep(
  markCartSessionsUnpricedStepId,
  async ({ cart_session_ids }: MarkCartSessionsUnpricedStepInput, { container }) =>
    new StepResponse(await cartSessionService(container).markSessionsUnpriced(cart_session_ids))
)
