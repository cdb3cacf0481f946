import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { cartSessionService } from "../utils/service"
import { diffSessionChange } from "../utils/session-draft"

export type CommitCartSessionStepInput = {
  /** The session as the change loaded it; null for a new session. */
  before: CartSessionState | null
  after: CartSessionState
}

export const commitCartSessionStepId = "commit-cart-session"

/**
 * Writes the change in one transaction, only if the session is still at the
 * version it was loaded at (`UPDATE … WHERE version = …`), so it holds across
 * server processes whatever the locking module. Another change got there
 * first: VERSION_CONFLICT, nothing written (a change without a client version
 * is then decided again: see runCartSessionChange). No compensation: the
 * commit is the last thing a change does, and a committed change stays.
 */
export const commitCartSessionStep = createStep(
  commitCartSessionStepId,
  async ({ before, after }: CommitCartSessionStepInput, { container }) => {
    const change = diffSessionChange(before, after)
    if (change && !(await cartSessionService(container).commitSessionChange(change))) {
      throw new CheckoutDiscountError(
        "VERSION_CONFLICT",
        `Cart session ${after.id} was changed by another request while this one was applied (it was at version ${before!.version}): reload it and try again`
      )
    }
    return new StepResponse(after)
  }
)
