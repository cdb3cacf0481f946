import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { type ChangeIdempotency, commitSessionOrConflict } from "../helpers/commit-session"
import type { CartSessionView } from "../views/cart-session-view"

export type CommitCartSessionStepInput = {
  /** The session as the change loaded it; null for a new session. */
  before: CartSessionState | null
  after: CartSessionState
  /** The answer of the change (the route's body is `{ cart_session: view }`). */
  view?: CartSessionView
  /** The request's Idempotency-Key: the answer is stored with it in the change's transaction. */
  idempotency?: ChangeIdempotency | null
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
  async ({ before, after, view, idempotency }: CommitCartSessionStepInput, { container }) => {
    const respond = idempotency && view ? { idempotency, body: { cart_session: view } } : null
    await commitSessionOrConflict(container, before, after, respond)
    return new StepResponse(after)
  }
)
