import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export type ScaleSize = { coupons: number; sessions: number }

export type ScaleSeeded = {
  coupons: number
  sessions: number
  lines: number
  discounts: number
  ms: number
  /** A seeded coupon's code and a seeded session's email, to search for. */
  sampleCode: string
  sampleEmail: string
}

/** The rows `n` of the series get: a code like "S" and 11 upper-case hex digits, unique in practice (48 bits). */
const SEEDED_CODE = (n: string) => `'S' || upper(substr(md5((${n})::text), 1, 11))`

/**
 * Copies every row `where` selects in `table` once per number of `series` (`g`), in one
 * `insert … select`: each column as in the template row unless `overrides` gives its expression
 * (over the template row `t` and the number `g`). Rows that collide with one already there are left
 * out. Returns how many were written.
 */
async function cloneRows(
  knex: Knex,
  table: string,
  where: string,
  series: string,
  overrides: Record<string, string>,
  bindings: unknown[] = []
): Promise<number> {
  const { rows } = await knex.raw(
    "select column_name from information_schema.columns where table_name = ? and table_schema = current_schema() order by ordinal_position",
    [table]
  )
  const columns: string[] = rows.map((row: { column_name: string }) => row.column_name)
  const values = columns.map((column) => (overrides[column] ? `${overrides[column]}` : `t."${column}"`))
  const result = await knex.raw(
    `insert into "${table}" (${columns.map((column) => `"${column}"`).join(", ")})
     select ${values.join(", ")} from "${table}" t cross join ${series} where ${where}
     on conflict do nothing`,
    bindings
  )
  return result.rowCount
}

/**
 * Seeds a benchmark store by SQL, copying rows the module wrote (so their shape is real):
 * `coupons` copies of the template coupon with codes of their own, created over the past
 * `coupons` seconds (older than anything the benchmark makes), and `sessions` copies of the template
 * session, each open, with an email of its own, the template's lines and one code held, a seeded
 * coupon's. Then ANALYZE, as a store running for a while has statistics.
 */
export async function seedScale(
  knex: Knex,
  template: { couponId: string; sessionId: string },
  size: ScaleSize
): Promise<ScaleSeeded> {
  const started = performance.now()
  const coupons = await cloneRows(knex, "coupon", "t.id = ?", `generate_series(1, ${size.coupons}) g`, {
    id: `'cpn_scale_' || lpad(g::text, 8, '0')`,
    code: SEEDED_CODE("g"),
    name: `'Seeded ' || (g % 1000)`,
    created_at: "now() - g * interval '1 second'",
    updated_at: "now() - g * interval '1 second'",
  }, [template.couponId])

  const sessionId = `'cs_scale_' || lpad(g::text, 8, '0')`
  const sessions = await cloneRows(knex, "cart_session", "t.id = ?", `generate_series(1, ${size.sessions}) g`, {
    id: sessionId,
    email: `'shopper' || g || '@example.com'`,
    created_at: "now() - g * interval '10 seconds'",
    updated_at: "now() - g * interval '10 seconds'",
  }, [template.sessionId])
  const lines = await cloneRows(knex, "cart_session_line_item", "t.cart_session_id = ? and t.deleted_at is null", `generate_series(1, ${size.sessions}) g`, {
    id: `'csli_scale_' || g || '_' || t.position`,
    cart_session_id: sessionId,
  }, [template.sessionId])
  // Each session holds the code of a seeded coupon (every tenth one).
  const discounts = await cloneRows(knex, "cart_session_discount", "t.cart_session_id = ? and t.deleted_at is null and t.type = 'CODE'", `generate_series(1, ${size.sessions}) g`, {
    id: `'csdisc_scale_' || g || '_' || t.position`,
    cart_session_id: sessionId,
    code: `case when g * 10 <= ${size.coupons} then ${SEEDED_CODE("g * 10")} else t.code end`,
    coupon_id: `case when g * 10 <= ${size.coupons} then 'cpn_scale_' || lpad((g * 10)::text, 8, '0') else t.coupon_id end`,
  }, [template.sessionId])
  for (const table of ["coupon", "cart_session", "cart_session_line_item", "cart_session_discount"]) {
    await knex.raw(`analyze "${table}"`)
  }
  const sample = Math.max(1, Math.floor(size.coupons / 3))
  const { rows } = await knex.raw(`select ${SEEDED_CODE("?")} as code`, [sample])
  return {
    coupons,
    sessions,
    lines,
    discounts,
    ms: performance.now() - started,
    sampleCode: rows[0].code,
    sampleEmail: `shopper${Math.max(1, Math.floor(size.sessions / 3))}@example.com`,
  }
}
