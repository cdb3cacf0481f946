import { z } from "@medusajs/framework/zod"
import { openApiMetadata } from "../../lib/openapi-metadata"
import { RULE_OPERATORS } from "../../lib/coupon-rules"

/**
 * What the admin coupon, merchant and rule-attribute routes answer, as zod schemas for
 * docs/openapi.yaml (src/openapi). Every object is strict: a field a route starts answering without its
 * schema fails the OpenAPI response test (integration-tests/http/openapi.spec.ts). Coupons and merchants
 * are read with the host's query: `fields` narrows them, so only `id` is always there.
 */

const id = z.string().min(1)
const timestamp = z.iso.datetime({ offset: true })
const metadata = z.record(z.string(), z.unknown()).nullable()
const nullableCount = z.number().int().positive().nullable()
/** A decimal column as the host stores it beside its number (`raw_value`): exact, as a string. */
const rawNumber = z.object({ value: z.string(), precision: z.number().int() }).strict()

const CouponRuleSchema = z
  .object({
    attribute: z.string(),
    operator: z.enum(RULE_OPERATORS),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CouponRule" })

export const CouponRedemptionSchema = z
  .object({
    id,
    coupon_id: id,
    cart_session_id: z.string().nullable(),
    cart_id: z.string().nullable(),
    order_id: z.string().nullable(),
    customer_id: z.string().nullable(),
    email: z.string().nullable(),
    amount: z.number(),
    raw_amount: rawNumber,
    currency_code: z.string(),
    claimed_at: timestamp.nullable(),
    metadata,
    created_at: timestamp,
    updated_at: timestamp,
    deleted_at: timestamp.nullable(),
  })
  .partial()
  .required({ id: true })
  .strict()
  .clone().register(openApiMetadata, { id: "CouponRedemption" })

export const CouponSchema = z
  .object({
    id,
    code: z.string(),
    merchant_id: z.string().nullable(),
    name: z.string().nullable(),
    value_type: z.enum(["percentage", "fixed"]),
    value: z.number(),
    raw_value: rawNumber,
    currency_code: z.string().nullable(),
    starts_at: timestamp.nullable(),
    ends_at: timestamp.nullable(),
    min_subtotal: z.number().nullable(),
    raw_min_subtotal: rawNumber.nullable(),
    usage_limit: nullableCount,
    usage_limit_per_customer: nullableCount,
    usage_count: z.number().int().min(0),
    combinable: z.boolean(),
    priority: z.number().int(),
    is_active: z.boolean(),
    type: z.enum(["standard", "buyget"]),
    target_type: z.enum(["items", "shipping_methods"]),
    allocation: z.enum(["across", "each", "once"]).nullable(),
    max_quantity: nullableCount,
    rules: z.array(CouponRuleSchema).nullable(),
    target_rules: z.array(CouponRuleSchema).nullable(),
    buy_rules: z.array(CouponRuleSchema).nullable(),
    buy_rules_min_quantity: nullableCount,
    apply_to_quantity: nullableCount,
    is_automatic: z.boolean(),
    rules_description: z
      .array(z.string())
      .clone().register(openApiMetadata, { description: "The coupon's rules in sentences; answered with the rule fields (docs/coupon-rules.md)." }),
    metadata,
    created_at: timestamp,
    updated_at: timestamp,
    deleted_at: timestamp.nullable(),
    redemptions: z.array(CouponRedemptionSchema),
  })
  .partial()
  .required({ id: true })
  .strict()
  .clone().register(openApiMetadata, { id: "Coupon", description: "A coupon with the fields asked for (`fields`); the default fields without it." })

const page = { count: z.number().int().min(0), offset: z.number().int().min(0), limit: z.number().int().min(0) }

export const AdminCouponResponse = z.object({ coupon: CouponSchema }).strict()
export const AdminCouponListResponse = z.object({ coupons: z.array(CouponSchema), ...page }).strict()
export const AdminCouponDeleteResponse = z
  .object({ id, object: z.literal("coupon"), deleted: z.literal(true) })
  .strict()
export const AdminGenerateCouponsResponse = z
  .object({ coupons: z.array(z.object({ id, code: z.string() }).strict()), count: z.number().int().min(1) })
  .strict()

export const MerchantSchema = z
  .object({ id, handle: z.string(), name: z.string().nullable(), metadata, created_at: timestamp, updated_at: timestamp, deleted_at: timestamp.nullable() })
  .partial()
  .required({ id: true })
  .strict()
  .clone().register(openApiMetadata, { id: "Merchant" })

export const AdminMerchantListResponse = z.object({ merchants: z.array(MerchantSchema), ...page }).strict()

export const CouponRuleAttributeSchema = z
  .object({
    name: z.string(),
    kind: z.enum(["shopper", "line"]).clone().register(openApiMetadata, { description: "`shopper` goes in `rules`, `line` in `target_rules` and `buy_rules`." }),
    value_type: z.enum(["id", "id_list", "string", "number", "boolean"]),
    operators: z.array(z.enum(RULE_OPERATORS)),
    label: z.string(),
    description: z.string().nullable(),
    entity: z
      .enum(["product", "variant", "collection", "category", "type", "tag", "customer", "customer_group", "sales_channel", "region"])
      .nullable(),
    money: z.boolean(),
    needs_customer: z.boolean(),
    when_true: z.string().nullable(),
    when_false: z.string().nullable(),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CouponRuleAttribute" })

export const AdminCouponRuleAttributesResponse = z
  .object({ attributes: z.array(CouponRuleAttributeSchema), count: z.number().int().min(0) })
  .strict()
