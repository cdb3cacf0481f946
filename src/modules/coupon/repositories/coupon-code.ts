import { Context } from "@medusajs/framework/types"
import { BigNumber, MedusaError, MikroOrmBase, trimZeros } from "@medusajs/framework/utils"
import { entityIds } from "../../../lib/entity-ids"
import { readKnex, transactionKnex } from "../../../lib/knex"
import type { CouponCandidate, CouponFields } from "../types"
import { COUPON_RULE_FIELDS } from "../utils/rule-fields"

/** Which automatic coupons a session may meet: live at `at`, and (when given) of its merchants and currency. */
export type AutomaticCouponsFor = { at: Date; merchant_ids?: string[]; currency_code?: string }

/**
 * What identifies a set of automatic coupons as read: every coupon's id, the time it was last written and
 * its usage count (moved in place by seats, without touching updated_at).
 */
const FINGERPRINT = "md5(coalesce(string_agg(id || ':' || updated_at::text || ':' || usage_count, ',' order by id), ''))"

type RowWithFingerprint = CouponCandidate & { automatic_fingerprint: string }

/** The rows of a read joined to its one fingerprint row: the coupons (none when no row matched) and the fingerprint. */
function splitFingerprint(rows: RowWithFingerprint[]): { coupons: CouponCandidate[]; fingerprint: string } {
  return {
    coupons: rows.filter((row) => row.id !== null).map(({ automatic_fingerprint: _fingerprint, ...coupon }) => coupon),
    fingerprint: rows[0].automatic_fingerprint,
  }
}

/** The columns eligibility and pricing read of a coupon. */
const CANDIDATE_COLUMNS = [
  "id",
  "code",
  "merchant_id",
  "value_type",
  "value",
  "currency_code",
  "starts_at",
  "ends_at",
  "min_subtotal",
  "usage_limit",
  "usage_limit_per_customer",
  "usage_count",
  "combinable",
  "priority",
  "is_active",
  ...COUPON_RULE_FIELDS,
]

/** The type of each column a generated coupon's template may set, to cast its one value for every row. */
const TEMPLATE_COLUMN_TYPES: Record<keyof Omit<CouponFields, "code">, string> = {
  merchant_id: "text",
  name: "text",
  value_type: "text",
  value: "numeric",
  currency_code: "text",
  starts_at: "timestamptz",
  ends_at: "timestamptz",
  min_subtotal: "numeric",
  usage_limit: "integer",
  usage_limit_per_customer: "integer",
  combinable: "boolean",
  priority: "integer",
  is_active: "boolean",
  metadata: "jsonb",
  type: "text",
  target_type: "text",
  allocation: "text",
  max_quantity: "integer",
  rules: "jsonb",
  target_rules: "jsonb",
  buy_rules: "jsonb",
  buy_rules_min_quantity: "integer",
  apply_to_quantity: "integer",
  is_automatic: "boolean",
}

/** Big numbers are stored twice, as the ORM writes them: the number and its exact `raw_` form. */
const RAW_COLUMNS: Partial<Record<keyof CouponFields, string>> = { value: "raw_value", min_subtotal: "raw_min_subtotal" }

/** A big number's `raw_` column as the ORM writes it (its bigNumber field): the value at precision 20, trailing zeros trimmed. */
function rawBigNumber(value: number) {
  const raw = new BigNumber(value).raw as { value: string; precision: number }
  return { ...raw, value: trimZeros(raw.value) }
}

/**
 * The coupon module's SQL on codes, for what the generated CRUD cannot
 * express: lookups by lower(code), as the case-insensitive unique index
 * (COUPON_CODE_UNIQUE_INDEX, utils/code.ts) compares them.
 */
export class CouponCodeRepository extends MikroOrmBase {
  /** The lower-cased codes among `codes` (not empty) that live coupons of the scope (`null` = store-wide) use. */
  async findTakenCodes(codes: string[], merchantId: string | null, context: Context): Promise<Set<string>> {
    const rows: { code: string }[] = await readKnex(context)("coupon")
      .select("code")
      .whereRaw("lower(code) = any(?)", [codes.map((code) => code.toLowerCase())])
      .whereRaw("coalesce(merchant_id, '') = ?", [merchantId ?? ""])
      .whereNull("deleted_at")
    return new Set(rows.map((row) => row.code.toLowerCase()))
  }

  /**
   * Inserts one coupon per code, all with the template's terms, in one statement (the codes and
   * fresh ids as two arrays, the terms once), in the context's transaction. A code a live coupon of
   * the scope already uses (the case-insensitive unique index) is skipped, not an error: the answer is
   * the coupons inserted, and the caller draws other codes for the rest. `created_at` is each row's
   * own clock, so the batch lists in the order it was drawn.
   */
  async insertGenerated(
    template: Omit<CouponFields, "code">,
    codes: string[],
    context: Context
  ): Promise<{ id: string; code: string }[]> {
    const knex = transactionKnex(context, "insertGenerated")
    const columns: string[] = []
    const values: string[] = []
    const bindings: any[] = []
    for (const [field, value] of Object.entries(template)) {
      const type = TEMPLATE_COLUMN_TYPES[field as keyof typeof TEMPLATE_COLUMN_TYPES]
      if (!type) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `A generated coupon cannot set '${field}'`)
      }
      if (value === undefined) {
        continue
      }
      columns.push(field)
      values.push(`?::${type}`)
      bindings.push(type === "jsonb" && value !== null ? JSON.stringify(value) : value)
      const raw = RAW_COLUMNS[field as keyof CouponFields]
      if (raw) {
        columns.push(raw)
        values.push("?::jsonb")
        bindings.push(value === null ? null : JSON.stringify(rawBigNumber(value as number)))
      }
    }
    const ids = entityIds("cpn", codes.length)
    const { rows } = await knex.raw(
      `insert into "coupon" ("id", "code", ${columns.map((column) => `"${column}"`).join(", ")}, "created_at", "updated_at")
       select generated.id, generated.code, ${values.join(", ")}, clock_timestamp(), clock_timestamp()
       from unnest(?::text[], ?::text[]) as generated(id, code)
       on conflict do nothing
       returning "id", "code"`,
      [...bindings, ids, codes]
    )
    return rows
  }

  /** Deletes the coupons of a generation that did not complete (its compensation), in one statement. */
  async deleteGenerated(ids: string[], context: Context): Promise<void> {
    await transactionKnex(context, "deleteGenerated")("coupon").whereRaw("id = any(?)", [ids]).delete()
  }

  /**
   * In one statement: the live coupons, of any merchant, whose code is one of `lowerCodes` (lower-cased),
   * and, with `automatic`, the fingerprint of the live automatic coupons a session may meet
   * (`automaticCoupons`): it changes whenever one of them is created, edited, deleted, starts, ends or
   * takes or gives back a seat.
   */
  async findCandidates(
    lowerCodes: string[],
    automatic: AutomaticCouponsFor | null,
    context: Context
  ): Promise<{ codes: CouponCandidate[]; automatic_fingerprint: string | null }> {
    if (!automatic) {
      const codes = lowerCodes.length ? await this.codesQuery(readKnex(context), lowerCodes) : []
      return { codes, automatic_fingerprint: null }
    }
    const knex = readKnex(context)
    const rows: RowWithFingerprint[] = await knex
      .with("fingerprint", (query) => query.select(knex.raw(`${FINGERPRINT} as automatic_fingerprint`)).from(this.automaticQuery(knex, automatic).as("auto")))
      .with("codes", (query) => this.codesQuery(query, lowerCodes))
      .select("codes.*", "fingerprint.automatic_fingerprint")
      .from("fingerprint")
      .leftJoin("codes", knex.raw("true"))
    const { coupons, fingerprint } = splitFingerprint(rows)
    return { codes: coupons, automatic_fingerprint: fingerprint }
  }

  /**
   * The live automatic coupons a session may meet (`automatic`: live at its `at`, store-wide or of one of
   * its merchants, with no amount in another currency), and their fingerprint, read together.
   */
  async automaticCoupons(
    automatic: AutomaticCouponsFor,
    context: Context
  ): Promise<{ coupons: CouponCandidate[]; fingerprint: string }> {
    const knex = readKnex(context)
    const rows: RowWithFingerprint[] = await knex
      .with("auto", (query) => this.automaticQuery(query, automatic))
      .with("fingerprint", (query) => query.select(knex.raw(`${FINGERPRINT} as automatic_fingerprint`)).from("auto"))
      .select("auto.*", "fingerprint.automatic_fingerprint")
      .from("fingerprint")
      .leftJoin("auto", knex.raw("true"))
    return splitFingerprint(rows)
  }

  private codesQuery(query: any, lowerCodes: string[]) {
    return query
      .select(CANDIDATE_COLUMNS)
      .from("coupon")
      .whereNull("deleted_at")
      .whereRaw("lower(code) = any(?)", [lowerCodes])
  }

  /** The partial index IDX_coupon_automatic_active keeps this read small. */
  private automaticQuery(query: any, automatic: AutomaticCouponsFor) {
    let builder = query
      .select([...CANDIDATE_COLUMNS, "updated_at"])
      .from("coupon")
      .whereNull("deleted_at")
      .whereRaw("is_automatic = true and is_active = true")
      .whereRaw("(starts_at is null or starts_at <= ?) and (ends_at is null or ends_at > ?)", [automatic.at, automatic.at])
    if (automatic.merchant_ids) {
      builder = builder.whereRaw("(merchant_id is null or merchant_id = any(?))", [automatic.merchant_ids])
    }
    if (automatic.currency_code) {
      builder = builder.whereRaw("((value_type = 'percentage' and min_subtotal is null) or lower(currency_code) = ?)", [
        automatic.currency_code.toLowerCase(),
      ])
    }
    return builder
  }
}
