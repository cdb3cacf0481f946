import { model } from "@medusajs/framework/utils"
import { CouponRedemption } from "./coupon-redemption"

/**
 * A discount code. `merchant_id` null = store-wide. Amounts (`value` of a
 * fixed coupon, `min_subtotal`) are in the currency's major unit, stored
 * exactly. `usage_count` is only changed together with the redemption rows
 * (see the service), never by the admin API.
 *
 * The code is unique per merchant, case-insensitively, among live coupons:
 * that index is an expression (lower(code), coalesce(merchant_id, '')) the
 * DML cannot express, so it is written by hand in the migration
 * (COUPON_CODE_UNIQUE_INDEX).
 */
export const Coupon = model
  .define("coupon", {
    id: model.id({ prefix: "cpn" }).primaryKey(),
    code: model.text().searchable(),
    merchant_id: model.text().nullable(),
    name: model.text().searchable().nullable(),
    value_type: model.enum(["percentage", "fixed"]),
    value: model.bigNumber(),
    currency_code: model.text().nullable(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
    min_subtotal: model.bigNumber().nullable(),
    usage_limit: model.number().nullable(),
    usage_limit_per_customer: model.number().nullable(),
    usage_count: model.number().default(0),
    combinable: model.boolean().default(true),
    priority: model.number().default(0),
    is_active: model.boolean().default(true),
    metadata: model.json().nullable(),
    redemptions: model.hasMany(() => CouponRedemption, { mappedBy: "coupon" }),
  })
  .indexes([{ on: ["merchant_id"] }])
  .checks([
    { name: "coupon_code_format", expression: `code ~ '^[A-Za-z0-9_-]{1,50}$'` },
    { name: "coupon_value_positive", expression: "value > 0" },
    {
      name: "coupon_percentage_at_most_100",
      expression: "value_type <> 'percentage' OR value <= 100",
    },
    {
      name: "coupon_fixed_has_currency",
      expression: "value_type <> 'fixed' OR currency_code IS NOT NULL",
    },
    {
      name: "coupon_min_subtotal_has_currency",
      expression: "min_subtotal IS NULL OR (min_subtotal >= 0 AND currency_code IS NOT NULL)",
    },
    {
      name: "coupon_dates_ordered",
      expression: "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at",
    },
    { name: "coupon_usage_count_not_negative", expression: "usage_count >= 0" },
    { name: "coupon_usage_limit_positive", expression: "usage_limit IS NULL OR usage_limit > 0" },
    {
      name: "coupon_usage_limit_per_customer_positive",
      expression: "usage_limit_per_customer IS NULL OR usage_limit_per_customer > 0",
    },
  ])
