import { Client } from "pg"
import { HostDatabase, testConnection } from "./host-process"

// What checkouts left in a host's database, read with SQL rather than through
// the API: a limit is only exact if the orders say so (HOST-NOTES, "The
// host's own usage limits under concurrent checkouts").

/** A client of the host's database; end() it when done. */
export async function connectToHostDatabase(database: HostDatabase): Promise<Client> {
  const client = new Client({ ...testConnection(), database: database.name })
  await client.connect()
  return client
}

export type OrderWithDiscount = { id: string; status: string; email: string }

/**
 * Orders (any status) whose email matches `emailPattern` (SQL LIKE) and
 * with at least one line adjustment of `providerId`: the host's order tables
 * are order → order_item (one row per line and order version) →
 * order_line_item_adjustment (on the line).
 */
export async function ordersWithAdjustmentsOf(
  client: Client,
  providerId: string,
  emailPattern: string
): Promise<OrderWithDiscount[]> {
  const { rows } = await client.query(
    `select o.id, o.status, o.email
       from "order" o
      where o.deleted_at is null
        and o.email like $2
        and exists (
          select 1
            from order_item oi
            join order_line_item_adjustment a on a.item_id = oi.item_id and a.deleted_at is null
           where oi.order_id = o.id and oi.deleted_at is null and a.provider_id = $1)
      order by o.id`,
    [providerId, emailPattern]
  )
  return rows
}

/** Orders (any status, with or without adjustments) whose email matches `emailPattern`. */
export async function countOrders(client: Client, emailPattern: string): Promise<number> {
  const { rows } = await client.query(
    `select count(*)::int as count from "order" where deleted_at is null and email like $1`,
    [emailPattern]
  )
  return rows[0].count
}

/** A redemption row: who holds the seat (session, then cart, then order) and whether a complete claimed it. */
export type CouponSeat = {
  id: string
  orderId: string | null
  cartId: string | null
  cartSessionId: string | null
  claimed: boolean
}

export type CouponSeats = {
  usageCount: number
  /** Live redemptions (deleted_at null): the seats taken. */
  live: CouponSeat[]
  /** Released redemptions (soft-deleted). */
  released: CouponSeat[]
}

/** The plugin's counter of a coupon and its redemption rows. */
export async function couponSeats(client: Client, couponId: string): Promise<CouponSeats> {
  const coupon = await client.query(`select usage_count from coupon where id = $1`, [couponId])
  const redemptions = await client.query(
    `select id, order_id, cart_id, cart_session_id, claimed_at is not null as claimed, deleted_at is not null as released
       from coupon_redemption where coupon_id = $1 order by id`,
    [couponId]
  )
  const rowsOf = (released: boolean) =>
    redemptions.rows
      .filter((row) => row.released === released)
      .map((row) => ({
        id: row.id as string,
        orderId: row.order_id as string | null,
        cartId: row.cart_id as string | null,
        cartSessionId: row.cart_session_id as string | null,
        claimed: row.claimed as boolean,
      }))
  return { usageCount: coupon.rows[0]?.usage_count, live: rowsOf(false), released: rowsOf(true) }
}

/**
 * Orders (any status) whose email matches `emailPattern` that carry line
 * adjustments of `providerId` with no live coupon seat behind them: none
 * held by the order, nor by the cart it was placed from (the host's
 * order_cart link; a seat stays the cart's until order.placed is handled).
 */
export async function discountedOrdersWithoutSeat(
  client: Client,
  providerId: string,
  emailPattern: string
): Promise<string[]> {
  const discounted = (await ordersWithAdjustmentsOf(client, providerId, emailPattern)).map((order) => order.id)
  if (!discounted.length) {
    return []
  }
  const { rows } = await client.query(
    `select o.id
       from "order" o
      where o.id = any($1)
        and not exists (
          select 1
            from coupon_redemption r
           where r.deleted_at is null
             and (r.order_id = o.id
                  or r.cart_id in (select oc.cart_id from order_cart oc where oc.order_id = o.id and oc.deleted_at is null)))
      order by o.id`,
    [discounted]
  )
  return rows.map((row) => row.id)
}
