export type IdempotencyKeyState = "in_progress" | "completed"

/** A stored key as read from the database. */
export type IdempotencyKeyRecord = {
  id: string
  key: string
  scope: string
  request_fingerprint: string
  state: IdempotencyKeyState
  response_status: number | null
  response_body: string | null
  locked_at: Date | null
  expires_at: Date
  created_at: Date
  updated_at: Date
}

/**
 * What `begin` found: `started` when the caller now holds the key (a new row,
 * or an expired or stale one taken over) and must `complete` or `abandon` it;
 * otherwise the live row someone else holds or completed.
 */
export type IdempotencyBeginResult = { started: boolean; record: IdempotencyKeyRecord }

/**
 * A key a request will take only with its response (`takeKeyCompleted`): a session change takes it in
 * the transaction that writes the change. `id` is the row's id if it is taken; `idempotency_key` the
 * header's value. It travels in workflow inputs, so no property of it (or of the object carrying it) is
 * named `key`: the workflow engine's unwrapping of step inputs (2.21.2) takes any resolved object with a
 * `key` property for its own `{ key, value }` pair, and the input arrives as undefined.
 */
export type PendingIdempotencyKey = { id: string; scope: string; idempotency_key: string; fingerprint: string }
