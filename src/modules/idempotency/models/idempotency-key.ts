import { model } from "@medusajs/framework/utils"

/**
 * One `Idempotency-Key` a client sent to a mutating route (docs/errors.md), per
 * scope: who may replay it (`customer:<id>`, `anonymous`), so a shopper never
 * receives another's stored response. `request_fingerprint` is the sha256 of
 * the method, path and canonical body of the first request; `response_body`
 * holds the exact bytes answered, replayed until `expires_at`.
 *
 * Rows are deleted, never soft-deleted (abandon, expiry), so the unique index
 * on (scope, key) is not partial: `begin` relies on it with
 * `INSERT … ON CONFLICT (scope, key)`.
 */
export const IdempotencyKey = model
  .define("idempotency_key", {
    id: model.id({ prefix: "idem" }).primaryKey(),
    key: model.text(),
    scope: model.text(),
    request_fingerprint: model.text(),
    state: model.enum(["in_progress", "completed"]).default("in_progress"),
    response_status: model.number().nullable(),
    response_body: model.text().nullable(),
    locked_at: model.dateTime().nullable(),
    expires_at: model.dateTime(),
  })
  .indexes([
    { on: ["scope", "key"], unique: true, where: null },
    { on: ["expires_at"], where: null },
  ])
  .checks([
    { name: "idempotency_key_length", expression: "char_length(key) BETWEEN 1 AND 255" },
    {
      name: "idempotency_key_completed_has_response",
      expression: "state <> 'completed' OR (response_status IS NOT NULL AND response_body IS NOT NULL)",
    },
  ])
