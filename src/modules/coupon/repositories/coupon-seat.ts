import { Context } from "@medusajs/framework/types"
import { MikroOrmBase } from "@medusajs/framework/utils"
import { readKnex, transactionKnex } from "../../../lib/knex"
import type { CouponSeat, ReleaseCouponRedemptionsOptions } from "../types"
import type { Shopper } from "../utils/shopper"

/** How long a redemption waits for a coupon's row lock before failing. */
const LOCK_TIMEOUT = "5s"

export type LockedCoupon = {
  id: string
  code: string
  usage_limit: number | null
  usage_limit_per_customer: number | null
  usage_count: number
}

/** Who holds a seat, as a redemption is looked up by it: one of its order, cart or cart session. */
export type SeatHolder = { order_id: string } | { cart_id: string } | { cart_session_id: string }

/**
 * The coupon module's SQL on seats (live redemptions) and the usage counters
 * they move, for what the generated CRUD cannot do atomically: the coupons'
 * row locks that serialize taking and giving back seats, the counters moved
 * in place, and the single-statement moves and claims of a cart's seats.
 * Writes run in the context's transaction; each refuses to run outside one.
 */
export class CouponSeatRepository extends MikroOrmBase {
  /**
   * Locks the live coupons' rows until the transaction ends, in id order so
   * two transactions locking several coupons cannot deadlock, and returns
   * their counters as committed by whoever held the lock before.
   */
  async lockCoupons(ids: string[], context: Context): Promise<Map<string, LockedCoupon>> {
    const knex = transactionKnex(context, "lockCoupons")
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

  /** The id of the holder's live seat of the coupon; null when it holds none. */
  async findHeldSeat(couponId: string, holder: SeatHolder, context: Context): Promise<string | null> {
    const row: { id: string } | undefined = await transactionKnex(context, "findHeldSeat")("coupon_redemption")
      .select("id")
      .where("coupon_id", couponId)
      .where(holder)
      .whereNull("deleted_at")
      .first()
    return row?.id ?? null
  }

  /**
   * The live seats of each coupon that are the shopper's: by their customer
   * id or by their folded email, either matching (the two indexes on
   * (coupon_id, customer_id) and (coupon_id, email) answer it). Coupons
   * without any are absent.
   */
  async countShopperSeats(couponIds: string[], shopper: Shopper, context: Context): Promise<Map<string, number>> {
    if (!couponIds.length) {
      return new Map()
    }
    const rows: { coupon_id: string; count: string }[] = await readKnex(context)("coupon_redemption")
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

  /** The live seats of each coupon a cart session holds (a convert's, not yet handed to its cart); coupons without any are absent. */
  async countSessionSeats(couponIds: string[], cartSessionId: string, context: Context): Promise<Map<string, number>> {
    const rows: { coupon_id: string; count: string }[] = await readKnex(context)("coupon_redemption")
      .select("coupon_id")
      .count("id as count")
      .whereIn("coupon_id", couponIds)
      .where("cart_session_id", cartSessionId)
      .whereNull("order_id")
      .whereNull("cart_id")
      .whereNull("deleted_at")
      .groupBy("coupon_id")
    return new Map(rows.map((row) => [row.coupon_id, Number(row.count)]))
  }

  /** Raises each coupon's `usage_count` by the seats taken, one statement per coupon in the map's order. */
  async addUsage(seatsByCoupon: Map<string, number>, context: Context): Promise<void> {
    const knex = transactionKnex(context, "addUsage")
    for (const [couponId, seats] of seatsByCoupon) {
      await knex("coupon")
        .where("id", couponId)
        .update({ usage_count: knex.raw("usage_count + ?", [seats]), updated_at: knex.fn.now() })
    }
  }

  /** The coupon of each live seat among `ids` (one entry per seat). */
  async couponIdsOfSeats(ids: string[], context: Context): Promise<string[]> {
    const rows: { coupon_id: string }[] = await transactionKnex(context, "couponIdsOfSeats")("coupon_redemption")
      .select("coupon_id")
      .whereIn("id", ids)
      .whereNull("deleted_at")
    return rows.map((row) => row.coupon_id)
  }

  /**
   * Soft-deletes the seats among `ids` still live (with `unclaimed_only`:
   * only those of no order, unclaimed or claimed before `claimed_before`), in
   * one statement; the seats released.
   */
  async releaseSeats(
    ids: string[],
    options: ReleaseCouponRedemptionsOptions,
    context: Context
  ): Promise<{ id: string; coupon_id: string }[]> {
    const knex = transactionKnex(context, "releaseSeats")
    const releasable = knex("coupon_redemption").whereIn("id", ids).whereNull("deleted_at")
    if (options.unclaimed_only) {
      releasable.whereNull("order_id").where((where) => {
        where.whereNull("claimed_at")
        if (options.claimed_before) {
          where.orWhere("claimed_at", "<", options.claimed_before)
        }
      })
    }
    return await releasable
      .update({ deleted_at: knex.fn.now(), updated_at: knex.fn.now() })
      .returning(["id", "coupon_id"])
  }

  /** Lowers each coupon's `usage_count` by the seats given back (never below 0), one statement per coupon in the map's order. */
  async removeUsage(seatsByCoupon: Map<string, number>, context: Context): Promise<void> {
    const knex = transactionKnex(context, "removeUsage")
    for (const [couponId, seats] of seatsByCoupon) {
      await knex("coupon")
        .where("id", couponId)
        .update({ usage_count: knex.raw("greatest(usage_count - ?, 0)", [seats]), updated_at: knex.fn.now() })
    }
  }

  /** Gives the cart session's live seats to the cart; their ids. */
  async moveSeatsToCart(cartSessionId: string, cartId: string, context: Context): Promise<string[]> {
    const knex = transactionKnex(context, "moveSeatsToCart")
    const rows: { id: string }[] = await knex("coupon_redemption")
      .where("cart_session_id", cartSessionId)
      .whereNull("deleted_at")
      .update({ cart_id: cartId, updated_at: knex.fn.now() })
      .returning("id")
    return rows.map((row) => row.id)
  }

  /** Marks the cart's live seats claimed now, in one statement; the seats claimed. */
  async claimCartSeats(cartId: string, context: Context): Promise<CouponSeat[]> {
    const knex = transactionKnex(context, "claimCartSeats")
    return await knex("coupon_redemption")
      .where("cart_id", cartId)
      .whereNull("deleted_at")
      .update({ claimed_at: knex.fn.now(), updated_at: knex.fn.now() })
      .returning(["id", "coupon_id", "order_id"])
  }

  /** Clears the claim of the seats among `ids` that no order kept. */
  async unclaimSeats(ids: string[], context: Context): Promise<void> {
    const knex = transactionKnex(context, "unclaimSeats")
    await knex("coupon_redemption")
      .whereIn("id", ids)
      .whereNull("order_id")
      .update({ claimed_at: null, updated_at: knex.fn.now() })
  }

  /** Gives the cart's live seats of no order to the order; the ids of all the order's live seats. */
  async moveSeatsToOrder(cartId: string, orderId: string, context: Context): Promise<string[]> {
    const knex = transactionKnex(context, "moveSeatsToOrder")
    await knex("coupon_redemption")
      .where("cart_id", cartId)
      .whereNull("deleted_at")
      .whereNull("order_id")
      .update({ order_id: orderId, updated_at: knex.fn.now() })
    const rows: { id: string }[] = await knex("coupon_redemption")
      .select("id")
      .where("order_id", orderId)
      .whereNull("deleted_at")
    return rows.map((row) => row.id)
  }

  /** Live seats of no order taken at or before `held_before`, unclaimed or claimed before `claimed_before`: at most `limit`, oldest first. */
  async listAbandonedSeats(
    { held_before, claimed_before, limit }: { held_before: Date; claimed_before: Date; limit: number },
    context: Context
  ): Promise<{ id: string; cart_session_id: string | null; cart_id: string | null }[]> {
    return await readKnex(context)("coupon_redemption")
      .select("id", "cart_session_id", "cart_id")
      .whereNull("deleted_at")
      .whereNull("order_id")
      .where("created_at", "<=", held_before)
      .where((where) => where.whereNull("claimed_at").orWhere("claimed_at", "<", claimed_before))
      .orderBy("created_at")
      .limit(limit)
  }
}
