import { model } from "@medusajs/framework/utils"

/**
 * The failed code attempts of one session or one client address in its
 * current window (README "Code guessing"). `window_start` is the database's
 * clock at the first attempt counted in the window (whole milliseconds, so a
 * caller can name the window it counted in); `attempts` includes attempts of
 * requests still running (reserved, given back when their codes exist).
 *
 * Rows are deleted, never soft-deleted, so the unique index on (scope,
 * subject) is not partial: counting relies on it with
 * `INSERT … ON CONFLICT (scope, subject)`.
 */
export const CodeAttemptWindow = model
  .define("code_attempt_window", {
    id: model.id({ prefix: "catw" }).primaryKey(),
    scope: model.enum(["session", "client"]),
    subject: model.text(),
    window_start: model.dateTime(),
    attempts: model.number().default(0),
  })
  .indexes([
    { on: ["scope", "subject"], unique: true, where: null },
    { on: ["window_start"], where: null },
  ])
  .checks([{ name: "code_attempt_window_attempts_not_negative", expression: "attempts >= 0" }])
