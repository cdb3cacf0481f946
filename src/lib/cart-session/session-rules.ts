import { CheckoutDiscountError } from "../errors"

/** What the access and state rules need of a session. */
export type SessionState = {
  id: string
  status: string
  customer_id: string | null
  expires_at: Date | string
  version: number
}

/**
 * The store customer making a request (`null` when anonymous). Workflows run
 * by the store API carry it; subscribers and jobs leave it out and see every session.
 */
export type CartSessionActor = { customer_id: string | null }

export function cartSessionNotFound(id: string): CheckoutDiscountError {
  return new CheckoutDiscountError("CART_SESSION_NOT_FOUND", `Cart session ${id} was not found`)
}

/**
 * A session owned by a customer exists only for that customer; an anonymous
 * session for whoever holds its id. Others are told it does not exist.
 */
export function assertCartSessionVisible(session: SessionState | undefined | null, id: string, actor?: CartSessionActor) {
  if (!session) {
    throw cartSessionNotFound(id)
  }
  if (actor && session.customer_id && session.customer_id !== actor.customer_id) {
    throw cartSessionNotFound(id)
  }
}

export function isCartSessionOpen(session: SessionState, now = new Date()): boolean {
  return session.status === "open" && new Date(session.expires_at).getTime() > now.getTime()
}

export function assertCartSessionOpen(session: SessionState, now = new Date()) {
  if (isCartSessionOpen(session, now)) {
    return
  }
  const state = session.status === "open" ? "expired" : session.status
  throw new CheckoutDiscountError(
    "CART_SESSION_NOT_OPEN",
    `Cart session ${session.id} is ${state} and can no longer be changed`
  )
}

/** The client's `version`, when it sent one, must be the session's current one. */
export function assertCartSessionVersion(session: SessionState, expected: number | undefined | null) {
  if (expected === undefined || expected === null || expected === session.version) {
    return
  }
  throw new CheckoutDiscountError(
    "VERSION_CONFLICT",
    `Cart session ${session.id} is at version ${session.version}, not ${expected}: reload it and try again`
  )
}

export function sessionExpiry(lifetimeMinutes: number, now = new Date()): Date {
  return new Date(now.getTime() + lifetimeMinutes * 60_000)
}

export function assertLineQuantity(quantity: number, maximum: number, field = "quantity") {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > maximum) {
    throw new CheckoutDiscountError(
      "QUANTITY_OUT_OF_RANGE",
      `Field '${field}' must be a whole number from 1 to ${maximum}, got ${quantity}`
    )
  }
}

/** Seconds: how long a change waits its turn behind another change of the session, and how long a turn lasts at most. */
export const CART_SESSION_LOCK = { timeout: 15, ttl: 30 }

/** What every change of a session carries. */
export type CartSessionChangeInput = {
  cart_session_id: string
  /** The store customer asking; absent for subscribers, jobs and admins. */
  actor?: CartSessionActor
  /** The version the client last saw; a different current version is a VERSION_CONFLICT. */
  version?: number | null
  /**
   * The request's `Idempotency-Key` (the row it would be: its id, scope, key and request fingerprint) and
   * the status its route answers with: the change takes the key with its answer in its own transaction
   * (a retry after a crash replays it, never applies it again).
   */
  idempotency?: { pending: { id: string; scope: string; idempotency_key: string; fingerprint: string }; status: number } | null
}
