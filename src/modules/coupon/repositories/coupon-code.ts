import { Context } from "@medusajs/framework/types"
import { MikroOrmBase } from "@medusajs/framework/utils"
import { readKnex } from "../../../lib/knex"
import type { CouponCandidate } from "../types"
import { COUPON_RULE_FIELDS } from "../utils/rule-fields"

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
   * In one statement: the live coupons, of any merchant, whose code is one of `lowerCodes` (lower-cased),
   * and, with `automaticAt`, every active automatic coupon whose dates hold then (the partial index
   * IDX_coupon_automatic_active keeps that part small).
   */
  async findCandidates(lowerCodes: string[], automaticAt: Date | null, context: Context): Promise<CouponCandidate[]> {
    if (!lowerCodes.length && !automaticAt) {
      return []
    }
    return await readKnex(context)("coupon")
      .select(CANDIDATE_COLUMNS)
      .whereNull("deleted_at")
      .where((where) => {
        if (lowerCodes.length) {
          where.orWhereRaw("lower(code) = any(?)", [lowerCodes])
        }
        if (automaticAt) {
          where.orWhereRaw(
            "(is_automatic = true and is_active = true and (starts_at is null or starts_at <= ?) and (ends_at is null or ends_at > ?))",
            [automaticAt, automaticAt]
          )
        }
      })
      .orderBy("id")
  }
}
