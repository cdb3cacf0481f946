import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Shopper } from "./shopper"
export { readKnex, transactionKnex } from "../../../lib/knex"

/** How long a redemption waits for a coupon's row lock before failing. */
const LOCK_TIMEOUT = "5s"

export type LockedCoupon = {
  id: string
  code: string
  usage_limit: number | null
  usage_limit_per_customer: number | null
  usage_count: number
}

/**
 * Locks the live coupons' rows until the transaction ends, in id order so two
 * transactions locking several coupons cannot deadlock, and returns their
 * counters as committed by whoever held the lock before.
 */
export async function lockCoupons(knex: Knex.Transaction, ids: string[]): Promise<Map<string, LockedCoupon>> {
  const unique = [...new Set(ids)].sort()
  if (!unique.length) {
    return new Map()
  }
  await knex.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`)
  const rows: LockedCoupon[] = await knex("coupon")
    .select("id", "code", "usage_limit", "usage_limit_per_customer", "usage_count")
    .whereIn("id", unique)
    .whereNull("deleted_at")
    .orderBy("id")
    .forUpdate()
  return new Map(rows.map((row) => [row.id, row]))
}

/**
 * The live redemptions of each coupon that are the shopper's: by their
 * customer id or by their folded email, either matching (the two indexes on
 * (coupon_id, customer_id) and (coupon_id, email) answer it). Coupons without
 * any are absent.
 */
export async function countShopperRedemptions(
  knex: Knex,
  couponIds: string[],
  shopper: Shopper
): Promise<Map<string, number>> {
  if (!couponIds.length) {
    return new Map()
  }
  const rows: { coupon_id: string; count: string }[] = await knex("coupon_redemption")
    .select("coupon_id")
    .count("id as count")
    .whereIn("coupon_id", couponIds)
    .whereNull("deleted_at")
    .where((where) => {
      if (shopper.customer_id) {
        where.orWhere("customer_id", shopper.customer_id)
      }
      if (shopper.email) {
        where.orWhere("email", shopper.email)
      }
    })
    .groupBy("coupon_id")
  return new Map(rows.map((row) => [row.coupon_id, Number(row.count)]))
}
