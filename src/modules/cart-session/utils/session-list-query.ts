// The admin list's query, built for CartSessionStateRepository. It lives outside
// repositories/ because the module loader registers every function exported
// there as a repository of the module.
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { countListed } from "../../../lib/list-count"
import type { CartSessionListFilters, CartSessionListPage } from "../types"

/** Columns a list may be ordered by. */
export const CART_SESSION_ORDER_FIELDS = ["created_at", "updated_at", "expires_at", "status", "email", "version"] as const

/**
 * One page of session ids matching the filters, and how many match (exact up to
 * 10,000, the planner's estimate past it: lib/list-count.ts). A
 * session still `open` past its expiry counts as expired, as every view shows
 * it. `has_codes` / `has_manual_discounts`: whether it holds at least one
 * live code / manual discount.
 */
export async function selectSessionIds(
  knex: Knex,
  filters: CartSessionListFilters,
  page: CartSessionListPage,
  now: Date
): Promise<{ ids: string[]; count: number }> {
  const matching = () => {
    const query = knex("cart_session as session").whereNull("session.deleted_at")
    applyFilters(knex, query, filters, now)
    return query
  }
  const query = matching().select("session.id")
  for (const [field, direction] of Object.entries(page.order ?? { created_at: "DESC" })) {
    if ((CART_SESSION_ORDER_FIELDS as readonly string[]).includes(field)) {
      query.orderBy(`session.${field}`, direction.toUpperCase() === "ASC" ? "asc" : "desc")
    }
  }
  const rows = await query.orderBy("session.id", "asc").limit(page.take).offset(page.skip)
  const ids = rows.map((row: { id: string }) => row.id)
  // A page shorter than asked tells the count; else exact up to 10,000 and estimated past (lib/list-count.ts).
  if (ids.length < page.take && (ids.length > 0 || page.skip === 0)) {
    return { ids, count: page.skip + ids.length }
  }
  return { ids, count: (await countListed(knex, matching())).count }
}

function applyFilters(knex: Knex, query: Knex.QueryBuilder, filters: CartSessionListFilters, now: Date) {
  if (filters.status?.length) {
    const statuses = filters.status
    query.where((either) => {
      for (const status of statuses) {
        either.orWhere((one) => {
          if (status === "open") {
            one.where("session.status", "open").where("session.expires_at", ">", now)
          } else if (status === "expired") {
            one.where("session.status", "expired").orWhere((overdue) =>
              overdue.where("session.status", "open").where("session.expires_at", "<=", now)
            )
          } else {
            one.where("session.status", status)
          }
        })
      }
    })
  }
  if (filters.customer_id?.length) {
    query.whereIn("session.customer_id", filters.customer_id)
  }
  if (filters.email) {
    query.whereRaw("lower(session.email) = lower(?)", [filters.email])
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
    query.where((either) => either.whereILike("session.email", pattern).orWhereILike("session.id", pattern))
  }
  const operators = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" } as const
  for (const [operator, sql] of Object.entries(operators)) {
    const bound = filters.created_at?.[operator as keyof typeof operators]
    if (bound) {
      query.where("session.created_at", sql, bound)
    }
  }
  const holds = (type: "CODE" | "MANUAL", wanted: boolean | undefined) => {
    if (wanted === undefined) return
    const discounts = knex("cart_session_discount as discount")
      .select(knex.raw("1"))
      .whereRaw("discount.cart_session_id = session.id")
      .where("discount.type", type)
      .whereNull("discount.deleted_at")
    if (wanted) query.whereExists(discounts)
    else query.whereNotExists(discounts)
  }
  holds("CODE", filters.has_codes)
  holds("MANUAL", filters.has_manual_discounts)
}
