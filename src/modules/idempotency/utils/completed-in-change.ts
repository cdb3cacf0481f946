/**
 * Keys whose response a session change stored in its own transaction (writeSessionChange), noted in
 * the process that ran it, so the route wrapper skips storing it a second time (a statement that would
 * find the key completed and write nothing). A hint only: without it the wrapper's write is a no-op.
 */
const completedInChange = new Set<string>()

export function noteCompletedInChange(keyId: string): void {
  completedInChange.add(keyId)
}

/** Whether the change stored the key's response; forgets it (each key id is asked once). */
export function takeCompletedInChange(keyId: string): boolean {
  return completedInChange.delete(keyId)
}
