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
