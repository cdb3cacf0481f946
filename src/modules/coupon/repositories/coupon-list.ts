import { Context } from "@medusajs/framework/types"
import { MikroOrmBase } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { readKnex } from "../../../lib/knex"
import { countListed } from "../../../lib/list-count"
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
