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
    // Coupon rules (docs/coupon-rules.md): who may use it, which lines it discounts, how many units.
    type: model.enum(["standard", "buyget"]).default("standard"),
    // What it discounts: the items of its scope, or the shipping of its scope's bags (docs/shipping-and-tax.md).
    target_type: model.enum(["items", "shipping_methods"]).default("items"),
    allocation: model.enum(["across", "each", "once"]).nullable(),
    max_quantity: model.number().nullable(),
    rules: model.json().nullable(),
    target_rules: model.json().nullable(),
    buy_rules: model.json().nullable(),
    buy_rules_min_quantity: model.number().nullable(),
    apply_to_quantity: model.number().nullable(),
    is_automatic: model.boolean().default(false),
    metadata: model.json().nullable(),
    redemptions: model.hasMany(() => CouponRedemption, { mappedBy: "coupon" }),
  })
  .indexes([
    { on: ["merchant_id"] },
    // The admin list's default order (newest first, ties broken by id): its first page reads 50 index entries, not every coupon.
    { name: "IDX_coupon_created_at_id", on: ["created_at", "id"], where: "deleted_at IS NULL" },
    // Every change of a session lists the live automatic coupons: a partial index keeps that one small read.
    { name: "IDX_coupon_automatic_active", on: ["is_automatic"], where: "is_automatic = true AND is_active = true AND deleted_at IS NULL" },
  ])
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
    { name: "coupon_max_quantity_positive", expression: "max_quantity IS NULL OR max_quantity > 0" },
    { name: "coupon_buy_rules_min_quantity_positive", expression: "buy_rules_min_quantity IS NULL OR buy_rules_min_quantity > 0" },
    { name: "coupon_apply_to_quantity_positive", expression: "apply_to_quantity IS NULL OR apply_to_quantity > 0" },
    { name: "coupon_usage_count_not_negative", expression: "usage_count >= 0" },
    { name: "coupon_usage_limit_positive", expression: "usage_limit IS NULL OR usage_limit > 0" },
    {
      name: "coupon_usage_limit_per_customer_positive",
      expression: "usage_limit_per_customer IS NULL OR usage_limit_per_customer > 0",
    },
  ])
