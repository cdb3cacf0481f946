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
