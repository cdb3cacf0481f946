import { Context } from "@medusajs/framework/types"
import { MikroOrmBase } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { readKnex } from "../../../lib/knex"
import { countListed, estimateListed, EXACT_COUNT_LIMIT } from "../../../lib/list-count"
import type { CountableCouponFilters } from "../utils/list-filters"

/** How many coupons match a list's filters, without counting them all (lib/list-count.ts). */
export class CouponListRepository extends MikroOrmBase {
  async countListed(
    filters: CountableCouponFilters,
    withDeleted: boolean,
    context: Context
  ): Promise<{ count: number; estimated: boolean }> {
    const knex = readKnex(context)
    return await countListed(knex, this.matching(knex, filters, withDeleted))
  }

  /**
   * A searched page (`q`) in the list's order (created_at, then id, one direction), when at most
   * EXACT_COUNT_LIMIT coupons match: every match is found first by the filter alone (the trigram
   * indexes of code and name), then ordered, in one statement; with its count, exact. When more match,
   * no page (`ids` null) and the count estimated (lib/list-count.ts): the host's list then walks the
   * (created_at, id) index, which finds a broad search's page at once. Left to the planner, a narrow search sometimes took that walk too, filtering most of the
   * table on the way (0.4 s at 1,000,000 coupons, docs/benchmarks.md "Scale").
   */
  async searchPage(
    filters: CountableCouponFilters,
    withDeleted: boolean,
    page: { skip: number; take: number; direction: "asc" | "desc" },
    context: Context
  ): Promise<{ ids: string[] | null; count: number }> {
    const knex = readKnex(context)
    const matches = this.matching(knex, filters, withDeleted).clearSelect().select("id", "created_at").limit(EXACT_COUNT_LIMIT + 1)
    const direction = page.direction === "asc" ? "asc" : "desc"
    const { rows } = await knex.raw(
      `with matches as materialized (${matches.toQuery()})
       select (select count(*) from matches)::int as count,
         coalesce((select json_agg(id) from (
           select id from matches order by created_at ${direction}, id ${direction} offset ? limit ?
         ) page), '[]'::json) as ids`,
      [page.skip, page.take]
    )
    const { count, ids } = rows[0] as { count: number; ids: string[] }
    return count > EXACT_COUNT_LIMIT ? { ids: null, count: await estimateListed(knex, this.matching(knex, filters, withDeleted)) } : { ids, count }
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
