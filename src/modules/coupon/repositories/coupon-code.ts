import { Context } from "@medusajs/framework/types"
import { MikroOrmBase } from "@medusajs/framework/utils"
import { readKnex } from "../../../lib/knex"

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

  /** The ids of the live coupons, of any merchant, whose code is one of `lowerCodes` (lower-cased, not empty). */
  async findIdsByCodes(lowerCodes: string[], context: Context): Promise<string[]> {
    const rows: { id: string }[] = await readKnex(context)("coupon")
      .select("id")
      .whereRaw("lower(code) = any(?)", [lowerCodes])
      .whereNull("deleted_at")
    return rows.map((row) => row.id)
  }
}
