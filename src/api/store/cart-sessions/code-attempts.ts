import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  attemptsExceededMessage,
  clientKeyOf,
  type CodeAttemptSubject,
  type CodeAttemptsOption,
  type CodeOutcome,
  failedCodeCount,
} from "../../../lib/code-attempts"
import { CheckoutDiscountError } from "../../../lib/errors"
import { CODE_ATTEMPT_MODULE, type CodeAttemptModuleService } from "../../../modules/code-attempt"
import { IDEMPOTENCY_MODULE, type IdempotencyModuleService } from "../../../modules/idempotency"
import { IdempotencyKeyTakenError } from "../../../modules/idempotency/utils"
import { pendingIdempotencyKey } from "../../utils/idempotent-route"

export type CodeAttemptGuard<T> = {
  /** The codes the request looks up, as sent. None: nothing is counted. */
  codes: string[]
  /** The codes' statuses in the route's answer. */
  outcomesOf: (result: T) => CodeOutcome[]
  /** For a request that creates a session: its id, so that its failures count for it too. */
  createdSessionOf?: (result: T) => string
}

/**
 * Runs a store route's lookup of codes under the `codeAttempts` option
 * (README "Code guessing"). Before the workflow, the request's codes are
 * counted as attempts of its session (`:id`) and of its client address, in
 * one conditional statement; at a limit the request is refused with 429
 * `CART_SESSION_CODE_ATTEMPTS_EXCEEDED` and `Retry-After`, and nothing else
 * happens. After it, the attempts whose codes exist are given back, so only
 * codes that do not exist stay counted; a request that fails (a malformed
 * code, a stale version…) gives all of them back. Without the option this is
 * the workflow alone: no statement runs.
 */
export async function withCodeAttempts<T>(req: MedusaRequest<any>, guard: CodeAttemptGuard<T>, run: () => Promise<T>): Promise<T> {
  const counter = req.scope.resolve<CodeAttemptModuleService>(CODE_ATTEMPT_MODULE)
  const limits = counter.getLimits()
  const codes = [...new Set(guard.codes.map((code) => code.trim().toLowerCase()))]
  if (!limits || !codes.length) {
    return await run()
  }
  await refuseReplayedKey(req)
  const subjects = subjectsOf(req, limits)
  const verdict = subjects.length ? await counter.reserve(subjects, codes.length, limits.windowSeconds) : null
  if (verdict && !verdict.allowed) {
    throw new CheckoutDiscountError(
      "CART_SESSION_CODE_ATTEMPTS_EXCEEDED",
      attemptsExceededMessage(verdict.scope, verdict.limit, limits.windowSeconds, verdict.retry_after_seconds),
      { "Retry-After": String(verdict.retry_after_seconds) }
    )
  }
  let result: T
  try {
    result = await run()
  } catch (error) {
    if (verdict) {
      await counter.giveBack(verdict.reservation, codes.length).catch((giveBackError) => warn(req, giveBackError))
    }
    throw error
  }
  const failed = failedCodeCount(codes, guard.outcomesOf(result))
  try {
    if (verdict) {
      await counter.giveBack(verdict.reservation, codes.length - failed)
    }
    if (failed && guard.createdSessionOf && limits.perSession) {
      const session = { scope: "session" as const, subject: guard.createdSessionOf(result), limit: limits.perSession }
      await counter.reserve([session], failed, limits.windowSeconds)
    }
  } catch (countError) {
    // The change is made and answered; a count that could not be settled errs on the shopper's side next time.
    warn(req, countError)
  }
  return result
}

/**
 * A session change takes its `Idempotency-Key` only when it commits (`sessionChangeRoute`), so a retry of
 * a request that was answered runs up to there; its codes must not be counted again: when the key is live
 * already, the route answers with it (IdempotencyKeyTakenError) before anything is counted.
 */
async function refuseReplayedKey(req: MedusaRequest<any>) {
  const pending = pendingIdempotencyKey(req)
  if (pending && (await req.scope.resolve<IdempotencyModuleService>(IDEMPOTENCY_MODULE).findLive(pending.scope, pending.idempotency_key))) {
    throw new IdempotencyKeyTakenError(pending.idempotency_key)
  }
}

/** The counters a request is counted on: its session (`:id`) and its client address, those the option limits. */
function subjectsOf(req: MedusaRequest<any>, limits: CodeAttemptsOption): CodeAttemptSubject[] {
  const subjects: CodeAttemptSubject[] = []
  const sessionId = req.params?.id
  if (limits.perSession && sessionId) {
    subjects.push({ scope: "session", subject: sessionId, limit: limits.perSession })
  }
  if (limits.perClient) {
    const client = clientKeyOf(limits.clientAddress ? limits.clientAddress(req) : req.ip)
    if (client) {
      subjects.push({ scope: "client", subject: client, limit: limits.perClient })
    }
  }
  return subjects
}

function warn(req: MedusaRequest<any>, error: unknown) {
  req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`[code attempts] could not settle a request's count: ${error}`)
}
