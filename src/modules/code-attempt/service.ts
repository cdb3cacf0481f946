import { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { type CodeAttemptScope, type CodeAttemptSubject, type CodeAttemptsOption, retryAfterSeconds } from "../../lib/code-attempts"
import { readKnex } from "../../lib/knex"
import { parsePluginOptions } from "../../lib/plugin-options"
import { CodeAttemptWindow } from "./models"

const TABLE = "code_attempt_window"

/** Attempts counted in a window, as the counter named it: given back by `giveBack` if they did not fail. */
export type CodeAttemptReservation = {
  attempts: number
  windows: { scope: CodeAttemptScope; subject: string; window_start: Date }[]
}

export type CodeAttemptVerdict =
  | { allowed: true; reservation: CodeAttemptReservation }
  | { allowed: false; scope: CodeAttemptScope; limit: number; retry_after_seconds: number }

/** A window is over `windowSeconds` after its start, by the database's clock. */
const WINDOW_OVER = `w."window_start" <= now() - make_interval(secs => ?)`

/**
 * Counts `attempts` on each subject in one statement: a subject whose window
 * is over starts a new one now; one still below its limit adds them; one at its
 * limit is left as it is (not returned). The conditional update runs on the
 * row as locked, so concurrent requests of any number of processes are
 * serialized by the database and never count past a limit.
 */
function reserveSql(subjects: number) {
  const rows = Array.from({ length: subjects }, () => `(?, ?, ?, date_trunc('milliseconds', now()), ?, now(), now())`)
  return `
insert into "${TABLE}" as w ("id", "scope", "subject", "window_start", "attempts", "created_at", "updated_at")
values ${rows.join(", ")}
on conflict ("scope", "subject") do update set
  "window_start" = case when ${WINDOW_OVER} then date_trunc('milliseconds', now()) else w."window_start" end,
  "attempts" = case when ${WINDOW_OVER} then excluded."attempts" else w."attempts" + excluded."attempts" end,
  "updated_at" = now()
where ${WINDOW_OVER}
  or w."attempts" < case w."scope" when 'session' then ?::int else ?::int end
returning "scope", "subject", "window_start"`
}

/**
 * Failed code attempts per cart session and per client address (README "Code
 * guessing"), counted in the database so that the bound holds across every
 * server process. The store routes that look codes up `reserve` the attempts
 * of a request before it runs (refused: a 429) and `giveBack` those whose
 * codes turned out to exist.
 */
class CodeAttemptModuleService extends MedusaService({ CodeAttemptWindow }) {
  protected readonly limits_: CodeAttemptsOption | null

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.limits_ = parsePluginOptions(options).codeAttempts ?? null
  }

  /** The `codeAttempts` option as validated at load; null when the store counts nothing. */
  getLimits(): CodeAttemptsOption | null {
    return this.limits_
  }

  /**
   * Counts `attempts` on every subject, all or none: when one subject is at
   * its limit, the others are given their attempts back and the answer says
   * which limit and in how many seconds its window ends. A refusal changes no
   * window (it neither counts nor moves a window's start), so a shopper is
   * let in again at most `windowSeconds` after the window's first failure.
   */
  @InjectManager()
  async reserve(
    subjects: CodeAttemptSubject[],
    attempts: number,
    windowSeconds: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CodeAttemptVerdict> {
    const knex = readKnex(sharedContext)
    const limitOf = (scope: CodeAttemptScope) => subjects.find((subject) => subject.scope === scope)?.limit ?? 0
    const counted = await knex.raw(reserveSql(subjects.length), [
      ...subjects.flatMap((subject) => [generateEntityId(undefined, "catw"), subject.scope, subject.subject, attempts]),
      windowSeconds,
      windowSeconds,
      windowSeconds,
      limitOf("session"),
      limitOf("client"),
    ])
    const windows = (counted.rows as CodeAttemptReservation["windows"]).map((row) => ({
      scope: row.scope,
      subject: row.subject,
      window_start: new Date(row.window_start),
    }))
    const reservation: CodeAttemptReservation = { attempts, windows }
    const refused = subjects.filter((subject) => !windows.some((window) => window.scope === subject.scope))
    if (!refused.length) {
      return { allowed: true, reservation }
    }
    await this.giveBack(reservation, attempts, sharedContext)
    const blocking = await knex(TABLE)
      .select("scope", "window_start", knex.raw("now() as now"))
      .whereIn(
        ["scope", "subject"],
        refused.map((subject) => [subject.scope, subject.subject])
      )
    const waits = refused.map((subject) => {
      const row = blocking.find((found: { scope: string }) => found.scope === subject.scope)
      const wait = row ? retryAfterSeconds(new Date(row.window_start), windowSeconds, new Date(row.now)) : 1
      return { scope: subject.scope, limit: subject.limit, retry_after_seconds: wait }
    })
    const longest = waits.reduce((a, b) => (b.retry_after_seconds > a.retry_after_seconds ? b : a))
    return { allowed: false, ...longest }
  }

  /**
   * Gives `attempts` of a reservation back (codes that existed, or a request
   * that failed before looking its codes up), to the windows it counted in
   * only: a window started since is not touched.
   */
  @InjectManager()
  async giveBack(
    reservation: CodeAttemptReservation,
    attempts: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const back = Math.min(attempts, reservation.attempts)
    if (back <= 0 || !reservation.windows.length) {
      return
    }
    const rows = reservation.windows.map(() => "(?, ?, ?::timestamptz)").join(", ")
    await readKnex(sharedContext).raw(
      `update "${TABLE}" set "attempts" = greatest("attempts" - ?, 0), "updated_at" = now()
       where ("scope", "subject", "window_start") in (${rows})`,
      [back, ...reservation.windows.flatMap((window) => [window.scope, window.subject, window.window_start])]
    )
  }

  /** Deletes the windows that are over (a new attempt starts a new one anyway); returns how many. */
  @InjectManager()
  async deleteEnded(windowSeconds: number, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const knex = readKnex(sharedContext)
    return await knex(TABLE)
      .where(knex.raw(`"window_start" <= now() - make_interval(secs => ?)`, [windowSeconds]))
      .delete()
  }
}

export default CodeAttemptModuleService
