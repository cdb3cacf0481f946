import type { MedusaContainer } from "@medusajs/framework/types"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionCommit, CartSessionState } from "../../../modules/cart-session"
import { cartSessionService } from "./service"
import { diffSessionChange } from "../../../lib/cart-session/session-draft"
import type { PendingIdempotencyKey } from "../../../modules/idempotency"
import { takeKeyCompleted } from "../../../modules/idempotency/service"
import { IdempotencyKeyTakenError, noteCompletedInChange } from "../../../modules/idempotency/utils"

/**
 * The `Idempotency-Key` a change runs under (docs/errors.md): the key, taken with the response the route
 * answers (`status`, the body being the change's answer) as the first statement of the change's own
 * transaction. So a retry after a crash replays it and never applies the change twice, and a duplicate
 * running at the same time waits for the transaction and replays its answer.
 */
export type ChangeIdempotency = { pending: PendingIdempotencyKey; status: number }

/**
 * Writes `after` over `before` in one transaction, only if the session is
 * still at the version it was loaded at (see writeSessionChange): for the
 * writes of convert, which answer no Idempotency-Key of their own.
 */
export async function commitSessionOrConflict(container: MedusaContainer, before: CartSessionState | null, after: CartSessionState) {
  await writeSessionChange(container, diffSessionChange(before, after))
}

/**
 * Writes a change (diffSessionChange) in one transaction, only if the session
 * is still at the version it was loaded at (`UPDATE … WHERE version = …`), so
 * it holds across server processes whatever the locking module. Another
 * change got there first: VERSION_CONFLICT, nothing written. Nothing to write
 * (null): nothing happens. With `respond`, the request's key is taken with the
 * answer's JSON text (`body`) in the same transaction.
 */
export async function writeSessionChange(
  container: MedusaContainer,
  change: CartSessionCommit | null,
  respond?: { idempotency: ChangeIdempotency; body: string } | null
) {
  if (!change) {
    return
  }
  const body = respond?.body ?? ""
  const takeKey = respond
    ? async (transaction: Parameters<typeof takeKeyCompleted>[0]) => {
        // On the change's own transaction (its connection), before its rows: atomic with it, a duplicate waits
        // here for it, and never a second connection held while the first waits (a pool of N would deadlock
        // under N concurrent changes).
        const { pending, status } = respond.idempotency
        if (!(await takeKeyCompleted(transaction, pending, status, body))) {
          throw new IdempotencyKeyTakenError(pending.idempotency_key)
        }
      }
    : null
  if (!(await cartSessionService(container).commitSessionChange(change, takeKey))) {
    throw new CheckoutDiscountError(
      "VERSION_CONFLICT",
      `Cart session ${change.id} was changed by another request while this one was applied (it was at version ${change.expected_version}): reload it and try again`
    )
  }
  if (respond) {
    noteCompletedInChange(respond.idempotency.pending.id, body)
  }
}
