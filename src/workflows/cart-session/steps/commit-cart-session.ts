import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { commitSessionOrConflict } from "../helpers/commit-session"

export type CommitCartSessionStepInput = {
  /** The session as the change loaded it; null for a new session. */
  before: CartSessionState | null
  after: CartSessionState
}

export const commitCartSessionStepId = "commit-cart-session"

/**
 * Writes the change in one transaction guarded by the version it was loaded
 * at (commitSessionOrConflict): another change got there first is
 * VERSION_CONFLICT, nothing written (a change without a client version is
 * then decided again: see runCartSessionChange). No compensation: the
 * commit is the last thing a change does, and a committed change stays.
 */
export const commitCartSessionStep = createStep(
  commitCartSessionStepId,
  async ({ before, after }: CommitCartSessionStepInput, { container }) => {
    await commitSessionOrConflict(container, before, after)
    return new StepResponse(after)
  }
)
