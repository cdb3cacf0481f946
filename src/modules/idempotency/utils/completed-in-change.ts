/**
 * Keys whose response a session change stored in its own transaction (writeSessionChange), with the
 * body as stored, noted in the process that ran it: the route wrapper answers those bytes (the view is
 * serialized once) and skips storing them a second time (a statement that would find the key completed
 * and write nothing). A hint only: without it the wrapper serializes and stores the answer itself.
 */
const completedInChange = new Map<string, string>()

export function noteCompletedInChange(keyId: string, body: string): void {
  completedInChange.set(keyId, body)
}

/** The body a change stored with the key, if one did; forgets it (each key id is asked once). */
export function takeCompletedInChange(keyId: string): string | undefined {
  const body = completedInChange.get(keyId)
  completedInChange.delete(keyId)
  return body
}

/**
 * Thrown by a session change whose key turned out taken (by a duplicate of the request that committed
 * first, or by another request): the change is rolled back and the route wrapper answers with the key's
 * live row. Not a plugin error code: it never reaches a client.
 */
export class IdempotencyKeyTakenError extends Error {
  readonly code = "IDEMPOTENCY_KEY_TAKEN"
  constructor(key: string) {
    super(`Idempotency-Key "${key}" was taken by another request while this one ran; its answer is replayed`)
  }
}

/** Whether an error is IdempotencyKeyTakenError, by its code (the workflow engine may hand back a copy). */
export function isIdempotencyKeyTaken(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "IDEMPOTENCY_KEY_TAKEN"
}
