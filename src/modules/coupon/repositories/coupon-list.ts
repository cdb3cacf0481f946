import { Context } from "@medusajs/framework/types"
import { MikroOrmBase } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { readKnex } from "../../../lib/knex"

/**
 * Up to how many coupons a list's `count` is exact. Past it, counting every match costs a scan of them
 * all (half a second at 1,000,000 coupons), so the count is the planner's estimate instead.
 */
export const EXACT_COUNT_LIMIT = 10_000

/** The list filters the count below can say in SQL; a list with any other falls back to the exact count. */
export type CountableCouponFilters = {
  q?: string
  id?: string | string[]
  merchant_id?: string | string[]
  is_active?: boolean
}

const COUNTABLE = new Set(["q", "id", "merchant_id", "is_active"])

/** The filters as the count can say them, or null when one of them is not countable here. */
export function countableFilters(filters: Record<string, unknown>): CountableCouponFilters | null {
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) {
      continue
    }
    if (!COUNTABLE.has(key)) {
      return null
    }
    const ok =
      key === "is_active"
        ? typeof value === "boolean"
        : typeof value === "string" || (Array.isArray(value) && value.every((entry) => typeof entry === "string"))
    if (!ok || (key === "q" && typeof value !== "string")) {
      return null
    }
  }
  return filters as CountableCouponFilters
}

/**
 * How many coupons match a list's filters, without counting them all: exact up to
 * EXACT_COUNT_LIMIT (a count over at most that many rows plus one), else the planner's estimate of the
 * same query (never below the limit plus one, which are known to exist).
 */
export class CouponListRepository extends MikroOrmBase {
  async countListed(
    filters: CountableCouponFilters,
    withDeleted: boolean,
    context: Context
  ): Promise<{ count: number; estimated: boolean }> {
    const knex = readKnex(context)
    const matching = this.matching(knex, filters, withDeleted)
    const { rows } = await knex.raw(`select count(*)::int as count from (${matching.clone().limit(EXACT_COUNT_LIMIT + 1).toQuery()}) limited`)
    const count: number = rows[0].count
    if (count <= EXACT_COUNT_LIMIT) {
      return { count, estimated: false }
    }
    const { rows: plan } = await knex.raw(`explain (format json) ${matching.toQuery()}`)
    const estimate = Math.round(Number(plan[0]["QUERY PLAN"][0].Plan["Plan Rows"]))
    return { count: Math.max(estimate, EXACT_COUNT_LIMIT + 1), estimated: true }
  }

  /**
   * The coupons the list's filters select, as the host's list selects them: `q` is the host's free-text
   * search of the searchable fields (code and name): every word of it in one of them, ignoring case.
   */
  private matching(knex: Knex, filters: CountableCouponFilters, withDeleted: boolean): Knex.QueryBuilder {
    const query = knex("coupon").select(knex.raw("1"))
    if (!withDeleted) {
      query.whereNull("deleted_at")
    }
    for (const word of (filters.q ?? "").split(/\s+/).filter(Boolean)) {
      query.where((where) => where.where("code", "ilike", `%${word}%`).orWhere("name", "ilike", `%${word}%`))
    }
    for (const key of ["id", "merchant_id"] as const) {
      const value = filters[key]
      if (value !== undefined) {
        Array.isArray(value) ? query.whereIn(key, value) : query.where(key, value)
      }
    }
    if (filters.is_active !== undefined) {
      query.where("is_active", filters.is_active)
    }
    return query
  }
}
