import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionCommit } from "../../../modules/cart-session"
import { type ChangeIdempotency, writeSessionChange } from "../helpers/commit-session"
import { unseal, type Sealed } from "../helpers/sealed"
import type { CartSessionView } from "../views/cart-session-view"

export type WriteCartSessionChangeStepInput = {
  /** The rows a change writes (priceCartSessionChangeStep); null: nothing changed, nothing written. */
  change: Sealed<CartSessionCommit | null>
  /** The answer of the change (the route's body is `{ cart_session: view }`). */
  view: Sealed<CartSessionView>
  /** The request's Idempotency-Key: the answer is stored with it in the change's transaction. */
  idempotency?: ChangeIdempotency | null
}

export const writeCartSessionChangeStepId = "write-cart-session-change"

/**
 * Writes a change decided by priceCartSessionChangeStep in one transaction guarded by the version it was
 * loaded at (writeSessionChange): another change got there first is VERSION_CONFLICT, nothing written (a
 * change without a client version is then decided again: see runCartSessionChange). It takes only the rows
 * to write and the answer, not the session before and after (two more copies of it by the workflow engine).
 * No compensation: the commit is the last thing a change does, and a committed change stays.
 */
export const writeCartSessionChangeStep = createStep(
  writeCartSessionChangeStepId,
  async ({ change, view, idempotency }: WriteCartSessionChangeStepInput, { container }) => {
    // The answer is stored as the route sends it, `{ cart_session: view }`, from the view's own text.
    await writeSessionChange(container, unseal(change), idempotency ? { idempotency, body: `{"cart_session":${view}}` } : null)
    return new StepResponse(undefined)
  }
)
