import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { Context } from "@medusajs/framework/types"
import { BigNumber, MikroOrmBase } from "@medusajs/framework/utils"
import { readKnex, transactionKnex } from "../../../lib/knex"
import type {
  CartSessionCommit,
  CartSessionDiscountState,
  CartSessionLineState,
  CartSessionListFilters,
  CartSessionListPage,
  CartSessionState,
} from "../types"
import { selectSessionIds } from "../utils/session-list-query"

/**
 * The cart session module's own SQL, for what the generated CRUD cannot do
 * atomically: a session with its lines and discounts read in one statement
 * (one snapshot), a change written in one transaction guarded by the
 * session's version (the only write path of session rows), and the
 * single-statement updates of subscribers and jobs (each with version + 1).
 */
export class CartSessionStateRepository extends MikroOrmBase {
  /** The session with its live lines and discounts; null when there is none. */
  async load(id: string, context: Context): Promise<CartSessionState | null> {
    return await selectSessionState(readKnex(context), id)
  }

  /** The session a host cart was made from at convert; null for other carts. */
  async loadOfCart(cartId: string, context: Context): Promise<CartSessionState | null> {
    const knex = readKnex(context)
    const row = await knex("cart_session").select("id").where("converted_cart_id", cartId).whereNull("deleted_at").first()
    return row ? await selectSessionState(knex, row.id) : null
  }

  /** A page of sessions matching the filters, read as `load` reads one (all in one statement), and how many match. */
  async list(
    filters: CartSessionListFilters,
    page: CartSessionListPage,
    now: Date,
    context: Context
  ): Promise<{ sessions: CartSessionState[]; count: number }> {
    const knex = readKnex(context)
    const { ids, count } = await selectSessionIds(knex, filters, page, now)
    return { sessions: await selectSessionStates(knex, ids), count }
  }

  /** Writes a change if the session is still at `expected_version`; false (nothing written) when it is not. */
  async write(change: CartSessionCommit, context: Context): Promise<boolean> {
    return await writeSessionChange(transactionKnex(context, "commitSessionChange"), change)
  }

  /** Open sessions among `ids` back to unpriced, their codes PENDING; the ids marked. */
  async markUnpriced(ids: string[], now: Date, context: Context): Promise<string[]> {
    return await markSessionsUnpriced(transactionKnex(context, "markSessionsUnpriced"), ids, now)
  }

  /**
   * Of the given coupons (ids, and their codes ignoring case), the ids and codes some live discount row
   * holds, in one statement on the indexes of `coupon_id` and `lower(code)`.
   */
  async heldCoupons(couponIds: string[], codes: string[], context: Context): Promise<{ coupon_id: string | null; code: string | null }[]> {
    const { rows } = await readKnex(context).raw(
      `select distinct coupon_id, code from cart_session_discount
       where deleted_at is null and (coupon_id = any(?) or lower(code) = any(?))`,
      [couponIds, codes.map((code) => code.toLowerCase())]
    )
    return rows
  }

  /** Expires up to `limit` open sessions past their expiry; their ids. */
  async expireOverdue(now: Date, limit: number, context: Context): Promise<string[]> {
    return await expireOverdueSessions(readKnex(context), now, limit)
  }
}

const LINE_COLUMNS = [
  "id", "position", "merchant_id", "variant_id", "product_id", "title", "variant_title",
  "quantity", "unit_price", "is_add_on", "tax_rates", "is_tax_inclusive", "metadata", "product_collection_id",
  "product_type_id",
]
const DISCOUNT_COLUMNS = [
  "id", "position", "type", "code", "merchant_id", "scope_merchant_id", "is_primary", "coupon_id",
  "status", "value_type", "value", "amount_total", "target_type", "allocations", "shipping_allocations", "message",
  "metadata",
]

const MANUAL_COLUMNS = ["id", "scope", "line_item_id", "amount", "name", "reason", "created_by", "created_at"]

const columnList = (alias: string, columns: string[]) => columns.map((column) => `${alias}."${column}"`).join(", ")

/** What staff asked for, beside the discount row that carries its priced result (null for a code). */
const MANUAL_OF_DISCOUNT = `(
    select row_to_json(manual) from (
      select ${columnList("m", MANUAL_COLUMNS)} from "cart_session_manual_discount" m
      where m.discount_id = d.id and m.deleted_at is null) manual
  ) as manual`

const liveRowsOf = (table: string, columns: string[], extra = "") => `coalesce((
    select json_agg(row order by row.position)
    from (select ${columnList("d", columns)}${extra ? `, ${extra}` : ""} from "${table}" d
          where d.cart_session_id = session.id and d.deleted_at is null) row
  ), '[]'::json)`

/**
 * The session with its live lines and discounts (each manual one with what
 * staff asked for) in one statement, so they come from one snapshot: a reader
 * never sees part of a change.
 */
const loadSql = (condition: string) => `
select session.*,
  ${liveRowsOf("cart_session_line_item", LINE_COLUMNS)} as items,
  ${liveRowsOf("cart_session_discount", DISCOUNT_COLUMNS, MANUAL_OF_DISCOUNT)} as discounts
from cart_session session
where ${condition} and session.deleted_at is null`

const LOAD_SQL = loadSql("session.id = ?")
const LOAD_MANY_SQL = loadSql("session.id = any(?)")

async function selectSessionState(knex: Knex, id: string): Promise<CartSessionState | null> {
  const { rows } = await knex.raw(LOAD_SQL, [id])
  return rows.length ? toState(rows[0]) : null
}

/** Several sessions as `selectSessionState` reads one, in one statement, in the order of `ids` (missing ones left out). */
async function selectSessionStates(knex: Knex, ids: string[]): Promise<CartSessionState[]> {
  if (!ids.length) {
    return []
  }
  const { rows } = await knex.raw(LOAD_MANY_SQL, [ids])
  const byId = new Map<string, CartSessionState>(rows.map((row: Record<string, any>) => [row.id, toState(row)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString()
}

function toState(row: Record<string, any>): CartSessionState {
  return {
    id: row.id,
    status: row.status,
    currency_code: row.currency_code,
    region_id: row.region_id,
    sales_channel_id: row.sales_channel_id,
    customer_id: row.customer_id,
    email: row.email,
    shipping_address: row.shipping_address ?? null,
    shipping_methods: ((row.shipping_methods as any[] | null) ?? []).map((method) => ({ ...method, amount: Number(method.amount) })),
    version: row.version,
    priced: row.priced,
    expires_at: iso(row.expires_at)!,
    converted_cart_id: row.converted_cart_id,
    metadata: row.metadata,
    catalogue_read_at: iso(row.catalogue_read_at ?? null),
    pricing_context_key: row.pricing_context_key ?? null,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    items: (row.items as any[]).map(
      (line): CartSessionLineState => ({ ...line, unit_price: Number(line.unit_price), tax_rates: line.tax_rates ?? null })
    ),
    discounts: (row.discounts as any[]).map(
      (discount): CartSessionDiscountState => ({
        ...discount,
        value: discount.value === null ? null : Number(discount.value),
        amount_total: Number(discount.amount_total),
        allocations: discount.allocations ?? [],
        shipping_allocations: discount.shipping_allocations ?? [],
        manual: discount.manual && {
          ...discount.manual,
          amount: Number(discount.manual.amount),
          created_at: iso(discount.manual.created_at)!,
        },
      })
    ),
  }
}

/** A big-number column is stored twice by the DML: the number and its raw form, as the framework's BigNumber makes it. */
const raw = (amount: number | null) => (amount === null ? null : JSON.stringify(new BigNumber(amount).raw))
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

/**
 * Writes one change: the session row first, only if it is still at the
 * version the change was decided on (0 rows: someone else changed it), then
 * every new, changed or removed line and discount as one upsert per table.
 * Returns false on a version conflict, having written nothing.
 */
async function writeSessionChange(knex: Knex.Transaction, change: CartSessionCommit): Promise<boolean> {
  const { session } = change
  const columns = {
    status: session.status,
    customer_id: session.customer_id,
    email: session.email,
    shipping_address: json(session.shipping_address),
    shipping_methods: json(session.shipping_methods),
    version: session.version,
    priced: session.priced,
    expires_at: session.expires_at,
    converted_cart_id: session.converted_cart_id,
    metadata: json(session.metadata),
    catalogue_read_at: session.catalogue_read_at,
    pricing_context_key: session.pricing_context_key,
    updated_at: session.updated_at,
  }
  if (change.expected_version === null) {
    await knex("cart_session").insert({ id: change.id, ...change.create, ...columns })
  } else {
    const updated = await knex("cart_session")
      .where({ id: change.id, version: change.expected_version })
      .whereNull("deleted_at")
      .update(columns)
    if (updated === 0) {
      return false
    }
  }
  const stamps = (row: { deleted?: boolean }) => ({
    cart_session_id: change.id,
    created_at: session.updated_at,
    updated_at: session.updated_at,
    deleted_at: row.deleted ? session.updated_at : null,
  })
  if (change.items.length) {
    await knex("cart_session_line_item")
      .insert(
        change.items.map(({ deleted, ...line }) => ({
          ...line,
          ...stamps({ deleted }),
          metadata: json(line.metadata),
          tax_rates: json(line.tax_rates),
          raw_unit_price: raw(line.unit_price),
        }))
      )
      .onConflict("id")
      .merge([
        "title", "variant_title", "quantity", "unit_price", "raw_unit_price", "tax_rates", "is_tax_inclusive", "metadata",
        "product_collection_id", "product_type_id", "updated_at", "deleted_at",
      ])
  }
  if (change.discounts.length) {
    await knex("cart_session_discount")
      .insert(
        change.discounts.map(({ deleted, manual, ...discount }) => ({
          ...discount,
          ...stamps({ deleted }),
          allocations: JSON.stringify(discount.allocations),
          shipping_allocations: JSON.stringify(discount.shipping_allocations),
          metadata: json(discount.metadata),
          raw_value: raw(discount.value),
          raw_amount_total: raw(discount.amount_total),
        }))
      )
      .onConflict("id")
      .merge([
        "merchant_id", "is_primary", "coupon_id", "status", "value_type", "value", "raw_value", "amount_total",
        "raw_amount_total", "target_type", "allocations", "shipping_allocations", "message", "metadata", "updated_at", "deleted_at",
      ])
  }
  if (change.manual_discounts.length) {
    // After their discount rows. Created, then removed: a row never changes otherwise.
    await knex("cart_session_manual_discount")
      .insert(
        change.manual_discounts.map(({ deleted, ...manual }) => ({
          ...manual,
          ...stamps({ deleted }),
          created_at: manual.created_at,
          raw_amount: raw(manual.amount),
        }))
      )
      .onConflict("id")
      .merge(["updated_at", "deleted_at"])
  }
  return true
}

/**
 * Puts the given open sessions back to unpriced (version + 1) and their codes
 * to PENDING, each in one statement, so it needs no read first and races no
 * change: a change decided before it fails its version guard and is decided
 * again. Sessions already unpriced with every code pending are left alone.
 */
async function markSessionsUnpriced(knex: Knex.Transaction, ids: string[], now: Date): Promise<string[]> {
  const { rows } = await knex.raw(
    `update cart_session set priced = false, version = version + 1, updated_at = ?
     where id = any(?) and status = 'open' and expires_at > ? and deleted_at is null
       and (priced or exists (
         select 1 from cart_session_discount discount
         where discount.cart_session_id = cart_session.id and discount.deleted_at is null
           and discount.type = 'CODE' and discount.status <> 'PENDING'))
     returning id`,
    [now, ids, now]
  )
  const marked: string[] = rows.map((row: { id: string }) => row.id)
  if (marked.length) {
    await knex.raw(
      `update cart_session_discount
       set status = 'PENDING', amount_total = 0, raw_amount_total = ?::jsonb, allocations = '[]'::jsonb,
           shipping_allocations = '[]'::jsonb, message = null, updated_at = ?
       where cart_session_id = any(?) and type = 'CODE' and deleted_at is null and status <> 'PENDING'`,
      [raw(0), now, marked]
    )
  }
  return marked.sort()
}

/** Expires at most `limit` open sessions past their expiry, oldest first, each with version + 1. */
async function expireOverdueSessions(knex: Knex, now: Date, limit: number): Promise<string[]> {
  const { rows } = await knex.raw(
    `update cart_session set status = 'expired', version = version + 1, updated_at = ?
     where id in (
       select id from cart_session
       where status = 'open' and expires_at <= ? and deleted_at is null
       order by expires_at limit ? for update skip locked)
     returning id`,
    [now, now, limit]
  )
  return rows.map((row: { id: string }) => row.id).sort()
}
