import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Up to how many rows a list's `count` is exact. Past it, counting every match costs a scan of them
 * all (half a second at 1,000,000 coupons), so the count is the planner's estimate instead.
 */
export const EXACT_COUNT_LIMIT = 10_000

/**
 * How many rows `matching` (a select of the list's rows, without order or page) finds, without counting
 * them all: exact up to EXACT_COUNT_LIMIT (a count over at most that many rows plus one), else the
 * planner's estimate of the same query (never below the limit plus one, which are known to exist).
 */
export async function countListed(knex: Knex, matching: Knex.QueryBuilder): Promise<{ count: number; estimated: boolean }> {
  const [{ count }] = await knex.from(matching.clone().clearSelect().select(knex.raw("1")).limit(EXACT_COUNT_LIMIT + 1).as("limited")).count({ count: "*" })
  if (Number(count) <= EXACT_COUNT_LIMIT) {
    return { count: Number(count), estimated: false }
  }
  return { count: await estimateListed(knex, matching), estimated: true }
}

/** The planner's estimate of how many rows `matching` finds, for a list known to find more than EXACT_COUNT_LIMIT (never less). */
export async function estimateListed(knex: Knex, matching: Knex.QueryBuilder): Promise<number> {
  const { rows } = await knex.raw(`explain (format json) ${matching.clone().clearSelect().select(knex.raw("1")).toQuery()}`)
  const estimate = Math.round(Number(rows[0]["QUERY PLAN"][0].Plan["Plan Rows"]))
  return Math.max(estimate, EXACT_COUNT_LIMIT + 1)
}
