import { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { readKnex } from "../../lib/knex"
import { IdempotencyKey } from "./models"
import { IdempotencyBeginResult, IdempotencyKeyRecord, IdempotencyKeyState, PendingIdempotencyKey } from "./types"
import { assertIdempotencyKey } from "./utils"

/** How long a stored response is replayed (docs/errors.md), counted from the response. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000

/**
 * How long a key may stay `in_progress` before a retry with the same request
 * may take it over: the process running it is presumed dead. Far above any
 * real request; the old holder can then neither complete nor abandon it.
 */
export const IDEMPOTENCY_LOCK_STALE_MS = 5 * 60 * 1000

const TABLE = "idempotency_key"

/**
 * Inserts a fresh row for (scope, key), or takes over the row of (scope, key)
 * when it is expired, soft-deleted, or a stale `in_progress` row of the same
 * request. One statement on the unique index, so concurrent callers are
 * serialized by the database: exactly one gets a row back (a caller in a
 * transaction holds the index entry until it commits or rolls back: the others
 * wait for it). The takeover gives the row a new id, so the previous holder's
 * `complete`/`abandon` miss it. `in_progress` takes the key before a request
 * runs (`begin`); `completed` takes it with the response already decided (a
 * session change, in the transaction that writes it: `takeKeyCompleted`).
 */
const takeKeySql = (state: IdempotencyKeyState, returning: string) => `
insert into "${TABLE}"
  ("id", "scope", "key", "request_fingerprint", "state", "response_status", "response_body",
   "locked_at", "expires_at", "created_at", "updated_at")
values (?, ?, ?, ?, '${state}', ?, ?, ?, ?, ?, ?)
on conflict ("scope", "key") do update set
  "id" = excluded."id",
  "request_fingerprint" = excluded."request_fingerprint",
  "state" = excluded."state",
  "response_status" = excluded."response_status",
  "response_body" = excluded."response_body",
  "locked_at" = excluded."locked_at",
  "expires_at" = excluded."expires_at",
  "created_at" = excluded."created_at",
  "updated_at" = excluded."updated_at",
  "deleted_at" = null
where "${TABLE}"."expires_at" < ?
  or "${TABLE}"."deleted_at" is not null
  or ("${TABLE}"."state" = 'in_progress'
    and "${TABLE}"."request_fingerprint" = excluded."request_fingerprint"
    and "${TABLE}"."locked_at" < ?)
returning ${returning}`

const TAKE_KEY_SQL = takeKeySql("in_progress", "*")
const TAKE_KEY_COMPLETED_SQL = takeKeySql("completed", '"id"')

/** A row can vanish between the failed insert and the read (abandoned): try again. */
const BEGIN_ATTEMPTS = 3

/**
 * Stored `Idempotency-Key`s and their responses (docs/errors.md). The wrapper of the
 * mutating routes (`api/utils/idempotent-route`) is its only client. On most routes it
 * `begin`s a key, runs the route, then `complete`s (stores the response) or
 * `abandon`s it (unexpected failure: a retry may run again). A session change takes
 * its key with its answer in the transaction that writes it (`takeKeyCompleted`), and
 * an answer that wrote nothing is stored afterwards (`storeCompleted`); `findLive` reads
 * the key a request found taken.
 */
class IdempotencyModuleService extends MedusaService({ IdempotencyKey }) {
  /**
   * Takes the key for a request, atomically: `started` when the caller now
   * holds it; otherwise the live row found (in progress or completed, for
   * this or another fingerprint; the caller decides what to answer).
   * Expired rows count as absent.
   */
  @InjectManager()
  async begin(
    scope: string,
    key: string,
    fingerprint: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IdempotencyBeginResult> {
    assertIdempotencyKey(key)
    const knex = readKnex(sharedContext)
    for (let attempt = 0; attempt < BEGIN_ATTEMPTS; attempt++) {
      const now = new Date()
      const expiresAt = new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS)
      const staleBefore = new Date(now.getTime() - IDEMPOTENCY_LOCK_STALE_MS)
      const id = generateEntityId(undefined, "idem")
      const taken = await knex.raw(TAKE_KEY_SQL, [
        id, scope, key, fingerprint, null, null, now, expiresAt, now, now, now, staleBefore,
      ])
      if (taken.rows.length) {
        return { started: true, record: toRecord(taken.rows[0]) }
      }
      const existing = await knex(TABLE).where({ scope, key }).first()
      if (existing) {
        return { started: false, record: toRecord(existing) }
      }
    }
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Idempotency-Key "${key}" changed hands ${BEGIN_ATTEMPTS} times while being taken; retry the request`
    )
  }

  /**
   * Stores the response of a key the caller holds and keeps it 24 hours from
   * now. Returns the completed row, or null when the caller no longer holds
   * the key (it was taken over as stale, or abandoned).
   */
  @InjectManager()
  async complete(
    id: string,
    status: number,
    body: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IdempotencyKeyRecord | null> {
    const row = await completeHeldKey(readKnex(sharedContext), id, status, body)
    return row ? toRecord(row) : null
  }

  /** Frees a key the caller holds (its request failed unexpectedly); true when it did. */
  @InjectManager()
  async abandon(id: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const deleted = await readKnex(sharedContext)(TABLE).where({ id, state: "in_progress" }).delete()
    return deleted > 0
  }

  /**
   * Takes a key the request has not held, with its response (a request whose answer is decided before
   * the key is taken: a session change that wrote nothing). True when stored; false when the key is
   * live for someone else (`findLive` says whose), and nothing is written.
   */
  @InjectManager()
  async storeCompleted(
    pending: PendingIdempotencyKey,
    status: number,
    body: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return await takeKeyCompleted(readKnex(sharedContext), pending, status, body)
  }

  /** The live row of (scope, key): held or completed, not expired, not deleted; null when there is none. */
  @InjectManager()
  async findLive(scope: string, key: string, @MedusaContext() sharedContext: Context = {}): Promise<IdempotencyKeyRecord | null> {
    const row = await readKnex(sharedContext)(TABLE)
      .where({ scope, key })
      .whereNull("deleted_at")
      .where("expires_at", ">=", new Date())
      .first()
    return row ? toRecord(row) : null
  }

  /** Deletes the rows that expired before `now`; returns how many. */
  @InjectManager()
  async deleteExpired(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await readKnex(sharedContext)(TABLE).where("expires_at", "<", now).delete()
  }
}

/**
 * Takes a key with its response in one statement on the given query builder: the pool, or the
 * transaction of a session change, as the change's first statement (docs/errors.md): the key is
 * completed exactly when the change commits, and a duplicate of the request running at the same time
 * waits for this transaction at the key's index entry, then finds the key taken (false) and replays its
 * answer instead of applying the change again. False when the key is live for another request or for
 * this one already, and nothing is written.
 */
export async function takeKeyCompleted(
  knex: Knex,
  pending: PendingIdempotencyKey,
  status: number,
  body: string
): Promise<boolean> {
  const now = new Date()
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS)
  const staleBefore = new Date(now.getTime() - IDEMPOTENCY_LOCK_STALE_MS)
  const taken = await knex.raw(TAKE_KEY_COMPLETED_SQL, [
    pending.id, pending.scope, pending.idempotency_key, pending.fingerprint, status, body, now, expiresAt, now, now, now, staleBefore,
  ])
  return taken.rows.length > 0
}

/** Completes a held key with its response; the row, or undefined when the key is no longer held. */
async function completeHeldKey(knex: Knex, id: string, status: number, body: string): Promise<Record<string, any> | undefined> {
  const now = new Date()
  const [row] = await knex(TABLE)
    .where({ id, state: "in_progress" })
    .update({
      state: "completed",
      response_status: status,
      response_body: body,
      expires_at: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      updated_at: now,
    })
    .returning("*")
  return row
}

function toRecord(row: Record<string, any>): IdempotencyKeyRecord {
  return {
    id: row.id,
    key: row.key,
    scope: row.scope,
    request_fingerprint: row.request_fingerprint,
    state: row.state,
    response_status: row.response_status,
    response_body: row.response_body,
    locked_at: row.locked_at,
    expires_at: row.expires_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export default IdempotencyModuleService
