import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

/** A query-string number (or its absence). */
const queryNumber = (schema: z.ZodType) =>
  z.preprocess((value) => (value === undefined || value === "" ? undefined : Number(value)), schema)

/**
 * The host's list parameters (`fields`, `order`, `with_deleted`, …) with
 * `limit` and `offset` bounded: the host's own accept -1, which the database
 * then refuses with a 500.
 */
export function boundedFindParams(defaults: { limit: number; offset?: number; order?: string }) {
  return createFindParams(defaults).extend({
    limit: queryNumber(z.number().int().min(1).max(1000).default(defaults.limit)),
    offset: queryNumber(z.number().int().min(0).default(defaults.offset ?? 0)),
  })
}

/** "true" / "false" in a query string. */
export const booleanParam = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean()
)

/** An ISO 8601 date-time between the years 1900 and 9999 (the database's range, with room). */
export const dateTime = (field: string) =>
  z.union([z.string(), z.date()]).transform((value, context) => {
    const date = value instanceof Date ? value : new Date(value)
    const year = date.getUTCFullYear()
    if (Number.isNaN(date.getTime()) || year < 1900 || year > 9999) {
      context.addIssue({
        code: "custom",
        message: `Field '${field}' must be an ISO 8601 date-time between the years 1900 and 9999, got ${JSON.stringify(value)}`,
      })
      return z.NEVER
    }
    return date
  })
