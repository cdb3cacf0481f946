import type { MedusaContainer } from "@medusajs/framework/types"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionCommit, CartSessionState } from "../../../modules/cart-session"
import { cartSessionService } from "./service"
import { diffSessionChange } from "../../../lib/cart-session/session-draft"
import { completeHeldKey } from "../../../modules/idempotency/service"
import { noteCompletedInChange } from "../../../modules/idempotency/utils"

/**
 * The `Idempotency-Key` a change runs under (docs/errors.md): its row and the response the route answers
 * with, stored in the change's own transaction, so a retry after a crash replays it and never applies
 * the change twice.
 */
export type ChangeIdempotency = { key_id: string; status: number }

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
 * (null): nothing happens.
 */
export async function writeSessionChange(
  container: MedusaContainer,
  change: CartSessionCommit | null,
  respond?: { idempotency: ChangeIdempotency; body: unknown } | null
) {
  if (!change) {
    return
  }
  const body = respond ? JSON.stringify(respond.body) : ""
  const storeResponse = respond
    ? async (transaction: Parameters<typeof completeHeldKey>[0]) => {
        // On the change's own transaction (its connection): atomic with it, and never a second connection
        // held while the first waits (a pool of N would deadlock under N concurrent changes).
        const { key_id, status } = respond.idempotency
        if (!(await completeHeldKey(transaction, key_id, status, body, "id"))) {
          throw new CheckoutDiscountError(
            "IDEMPOTENCY_REQUEST_IN_PROGRESS",
            `Cart session ${change.id}: this request's Idempotency-Key was taken over by a retry, which applies the change instead`
          )
        }
      }
    : null
  if (!(await cartSessionService(container).commitSessionChange(change, storeResponse))) {
    throw new CheckoutDiscountError(
      "VERSION_CONFLICT",
      `Cart session ${change.id} was changed by another request while this one was applied (it was at version ${change.expected_version}): reload it and try again`
    )
  }
  if (respond) {
    noteCompletedInChange(respond.idempotency.key_id, body)
  }
}
