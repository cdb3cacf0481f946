import { createHash } from "crypto"
import type { AuthContext, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../lib/errors"
import { IDEMPOTENCY_MODULE, IdempotencyKeyRecord, PendingIdempotencyKey } from "../../modules/idempotency"
import type IdempotencyModuleService from "../../modules/idempotency/service"
import { assertIdempotencyKey, isIdempotencyKeyTaken, takeCompletedInChange } from "../../modules/idempotency/utils"
import { canonicalJson } from "../../lib/canonical-json"
import { pluginErrorResponse } from "./plugin-error-response"

export { canonicalJson }

/** What a mutating route hands back; the wrapper serializes and sends it. */
export type RouteResult = { status?: number; body: unknown }

export type MutatingRouteHandler = (req: MedusaRequest<any>, res: MedusaResponse) => Promise<RouteResult>

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key"
/** Set to "true" on a response replayed from a stored key. */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed"

const JSON_CONTENT_TYPE = "application/json; charset=utf-8"

/** A response as sent: the status, the exact bytes of the body and any headers of its own (`Retry-After`). */
type SentResponse = { status: number; body: string; headers?: Record<string, string> }

/**
 * Answers that are not stored for their key: a 429 (too many attempts) says
 * "not now", so the key is freed and the same request sent again after
 * `Retry-After` runs then, instead of replaying the refusal for 24 hours.
 */
const NOT_STORED_STATUSES = new Set([429])

/**
 * The key each running request of a session change will take with its answer, in the change's own
 * transaction (`keyTakenByChange`).
 */
const pendingKeys = new WeakMap<object, PendingIdempotencyKey>()

/**
 * The `Idempotency-Key` a session change takes with its answer, in the transaction that writes it
 * (writeSessionChange), undefined without a key. The key is completed exactly when the change commits:
 * a process that dies after that commit leaves a completed key, which a retry replays; a duplicate
 * running at the same time waits for that transaction and replays its answer; a change that is not
 * committed (an error, another change first) takes no key.
 */
export function pendingIdempotencyKey(req: object): PendingIdempotencyKey | undefined {
  return pendingKeys.get(req)
}

export type IdempotentRouteOptions = {
  /**
   * The route is one session change (or a refusal that changes nothing): instead of a key taken before
   * the handler runs (one more statement and commit for every keyed request), the change takes the key
   * with its answer in its own transaction (`pendingIdempotencyKey`), and an answer that wrote nothing
   * takes it afterwards. A retry of a completed request runs the handler again up to that point, where
   * the key is found taken: the change is rolled back and the first answer replayed. So the handler must
   * change nothing outside that transaction before it, or give it back when it fails, as the code-attempt
   * counter does (which also looks the key up first: a replay counts no attempt).
   */
  keyTakenByChange?: boolean
}

/**
 * Wraps a mutating store route (docs/errors.md): answers the plugin's machine codes
 * itself and sends the handler's result as JSON. With an `Idempotency-Key`
 * header, the first response for (actor, key) is stored and a retry of the
 * same request (method, path, body) gets it back byte for byte with
 * `Idempotent-Replayed: true`; the key with another request is 409
 * IDEMPOTENCY_KEY_REUSED, a retry while the first still runs is 409
 * IDEMPOTENCY_REQUEST_IN_PROGRESS (with `keyTakenByChange`, it waits for the
 * first and replays its answer), a malformed key is 400
 * IDEMPOTENCY_KEY_INVALID (none of these is stored). An unexpected error
 * frees the key (a retry runs again) and goes to the host.
 */
export function idempotentRoute(handler: MutatingRouteHandler, options: IdempotentRouteOptions = {}) {
  return async (req: MedusaRequest<any>, res: MedusaResponse) => {
    const key = req.headers[IDEMPOTENCY_KEY_HEADER]
    if (key === undefined) {
      send(res, await run(handler, req, res))
      return
    }
    try {
      assertIdempotencyKey(key)
    } catch (error) {
      send(res, errorResponse(error as CheckoutDiscountError))
      return
    }
    const idempotency = req.scope.resolve<IdempotencyModuleService>(IDEMPOTENCY_MODULE)
    const fingerprint = requestFingerprint(req.method, req.baseUrl + req.path, req.body)
    if (options.keyTakenByChange) {
      await runTakingKeyInChange(handler, req, res, idempotency, { id: generateEntityId(undefined, "idem"), scope: requestScope(req), idempotency_key: key, fingerprint })
      return
    }
    const { started, record } = await idempotency.begin(requestScope(req), key, fingerprint)
    if (!started) {
      answerExisting(res, record, fingerprint)
      return
    }

    let response: SentResponse
    try {
      response = await run(handler, req, res)
    } catch (error) {
      await idempotency.abandon(record.id).catch((abandonError) =>
        warn(req, `could not free Idempotency-Key "${key}" after a failed request: ${abandonError}`)
      )
      throw error
    }
    if (NOT_STORED_STATUSES.has(response.status)) {
      // Refused before anything changed: free the key for a retry later.
      await idempotency.abandon(record.id).catch((abandonError) =>
        warn(req, `could not free Idempotency-Key "${key}" after a refused request: ${abandonError}`)
      )
      send(res, response)
      return
    }
    // Otherwise the handler's changes are made: answer them even if storing
    // fails (a retry then waits for the stale lock instead of replaying).
    await idempotency.complete(record.id, response.status, response.body).catch((storeError) =>
      warn(req, `could not store the response of Idempotency-Key "${key}": ${storeError}`)
    )
    send(res, response)
  }
}

/**
 * A store route that is one change of a cart session (or a refusal or preview that changes nothing):
 * `idempotentRoute` with `keyTakenByChange`, its `Idempotency-Key` taken with its answer in the change's
 * own transaction.
 */
export function sessionChangeRoute(handler: MutatingRouteHandler) {
  return idempotentRoute(handler, { keyTakenByChange: true })
}

/**
 * A keyed session change (`keyTakenByChange`): the handler runs with the key pending; the change takes
 * it with its answer in its transaction (those bytes are sent), or, when the key is live already, is
 * rolled back and that key's answer is sent. An answer that wrote nothing takes the key afterwards.
 */
async function runTakingKeyInChange(
  handler: MutatingRouteHandler,
  req: MedusaRequest<any>,
  res: MedusaResponse,
  idempotency: IdempotencyModuleService,
  pending: PendingIdempotencyKey
) {
  let response: SentResponse
  // A change stores its answer with the key in its own transaction: those bytes are answered.
  let storedInChange: string | undefined
  const takeStoredInChange = () => (storedInChange ??= takeCompletedInChange(pending.id))
  pendingKeys.set(req, pending)
  try {
    response = await run(handler, req, res, takeStoredInChange)
    // A change that stored its answer before the handler failed after it: that answer stays stored.
    takeStoredInChange()
  } catch (error) {
    if (takeStoredInChange() === undefined && isIdempotencyKeyTaken(error)) {
      await answerLive(res, idempotency, pending)
      return
    }
    throw error
  } finally {
    pendingKeys.delete(req)
  }
  if (storedInChange === undefined && !NOT_STORED_STATUSES.has(response.status)) {
    // Nothing was written (a refusal, or a change that changed nothing): the answer takes the key now,
    // unless a duplicate of the request took it meanwhile, whose answer is then the one sent.
    let stored = true
    try {
      stored = await idempotency.storeCompleted(pending, response.status, response.body)
    } catch (storeError) {
      warn(req, `could not store the response of Idempotency-Key "${pending.idempotency_key}": ${storeError}`)
    }
    if (!stored) {
      await answerLive(res, idempotency, pending)
      return
    }
  }
  send(res, response)
}

/**
 * Answers with the key's live row: its stored answer, or 409 when it was used for another request or is
 * held by one still running (a key freed again in between: 409 in progress too, the client retries).
 */
async function answerLive(res: MedusaResponse, idempotency: IdempotencyModuleService, pending: PendingIdempotencyKey) {
  const record = await idempotency.findLive(pending.scope, pending.idempotency_key)
  answerExisting(res, record ?? { key: pending.idempotency_key, request_fingerprint: pending.fingerprint, state: "in_progress" }, pending.fingerprint)
}

/**
 * Who may replay a key: the authenticated actor; an anonymous shopper only
 * within the storefront (publishable key) it called through. Anonymous
 * shoppers of one storefront share a scope, so keys must be unguessable
 * (a UUID per request, as the README says).
 */
export function requestScope(req: object): string {
  const { auth_context: actor, publishable_key_context: storefront } = req as {
    auth_context?: Partial<AuthContext>
    publishable_key_context?: { key?: string }
  }
  if (actor?.actor_type && actor.actor_id) {
    return `${actor.actor_type}:${actor.actor_id}`
  }
  if (storefront?.key) {
    return `anonymous:${createHash("sha256").update(storefront.key).digest("hex").slice(0, 32)}`
  }
  return "anonymous"
}

/** sha256 of the method, the path (no query, no trailing slash) and the canonical body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const normalizedPath = path.length > 1 ? path.replace(/\/+$/, "") : path
  return createHash("sha256")
    .update(`${method.toUpperCase()} ${normalizedPath}\n${canonicalJson(body)}`)
    .digest("hex")
}

/**
 * Runs the handler; an error the plugin's mapper knows becomes its response, anything else is thrown.
 * `storedBody`: the body already serialized for the answer (stored with its Idempotency-Key), if any.
 */
async function run(
  handler: MutatingRouteHandler,
  req: MedusaRequest<any>,
  res: MedusaResponse,
  storedBody?: () => string | undefined
): Promise<SentResponse> {
  try {
    const result = await handler(req, res)
    return { status: result.status ?? 200, body: storedBody?.() ?? JSON.stringify(result.body) ?? "" }
  } catch (error: any) {
    const response = pluginErrorResponse(error)
    if (!response) {
      throw error
    }
    return response
  }
}

function answerExisting(
  res: MedusaResponse,
  record: Pick<IdempotencyKeyRecord, "key" | "request_fingerprint" | "state"> & Partial<IdempotencyKeyRecord>,
  fingerprint: string
) {
  if (record.request_fingerprint !== fingerprint) {
    const error = new CheckoutDiscountError(
      "IDEMPOTENCY_KEY_REUSED",
      `Idempotency-Key "${record.key}" was already used for a different request (method, path or body); ` +
        "use a new key for a new request"
    )
    send(res, errorResponse(error))
  } else if (record.state === "in_progress") {
    const error = new CheckoutDiscountError(
      "IDEMPOTENCY_REQUEST_IN_PROGRESS",
      `The request with Idempotency-Key "${record.key}" is still running; retry once it has finished`
    )
    send(res, errorResponse(error))
  } else {
    res.setHeader(IDEMPOTENT_REPLAYED_HEADER, "true")
    send(res, { status: record.response_status!, body: record.response_body! })
  }
}

function errorResponse(error: CheckoutDiscountError): SentResponse {
  return pluginErrorResponse(error)!
}

function send(res: MedusaResponse, response: SentResponse) {
  Object.entries(response.headers ?? {}).forEach(([name, value]) => res.setHeader(name, value))
  res.status(response.status)
  res.setHeader("Content-Type", JSON_CONTENT_TYPE)
  res.send(response.body)
}

function warn(req: MedusaRequest<any>, message: string) {
  req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`[idempotency] ${message}`)
}
