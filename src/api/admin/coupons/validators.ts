import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { booleanParam, boundedFindParams, dateTime } from "../../utils/find-params"
import { COUPON_CODE_MAX_LENGTH, couponTermsProblems } from "../../../modules/coupon/utils"
import type { RuleOperator } from "../../../lib/coupon-rules"

const MAX_INTEGER_COLUMN = 2_147_483_647

// The host's error message names the field only for its own checks, so
// these messages name it themselves.

/** At most four decimals, as typed (1e-7 would be stored as 0). */
const withFourDecimalsAtMost = (field: string) =>
  [
    (value: number) => /^-?\d+(\.\d{1,4})?$/.test(String(value)),
    { message: `Field '${field}' must be a decimal number with at most 4 decimal places` },
  ] as const

/** A rule's shape; which attributes, operators and values a store takes is the workflow's to check (its registry). */
const couponRule = z
  .object({
    attribute: z.string(),
    // Any string: an unknown operator is the workflow's to refuse, naming the rule (`rules.0.operator`) and the operators.
    operator: z.custom<RuleOperator>((value) => typeof value === "string", { message: "Field 'operator' must be a string" }),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).max(1000),
  })
  .strict()
const ruleList = z.array(couponRule).max(50).nullish()
const unitCount = z.number().int().positive().max(MAX_INTEGER_COLUMN).nullish()

/** The coupon rules of docs/coupon-rules.md. */
const couponRules = {
  type: z.enum(["standard", "buyget"]).optional(),
  target_type: z.enum(["items", "shipping_methods"]).optional(),
  allocation: z.enum(["across", "each", "once"]).nullish(),
  max_quantity: unitCount,
  rules: ruleList,
  target_rules: ruleList,
  buy_rules: ruleList,
  buy_rules_min_quantity: unitCount,
  apply_to_quantity: unitCount,
  is_automatic: z.boolean().optional(),
}

/**
 * The coupon's fields but its code. The code is only type-checked here: its
 * format is the workflow's to refuse, with the COUPON_CODE_INVALID_FORMAT code.
 */
const couponTerms = {
  merchant_id: z.string().min(1).nullish(),
  name: z.string().nullish(),
  value_type: z.enum(["percentage", "fixed"]),
  value: z.number().positive().refine(...withFourDecimalsAtMost("value")),
  currency_code: z.string().nullish(),
  starts_at: dateTime("starts_at").nullish(),
  ends_at: dateTime("ends_at").nullish(),
  min_subtotal: z.number().min(0).refine(...withFourDecimalsAtMost("min_subtotal")).nullish(),
  usage_limit: z.number().int().positive().max(MAX_INTEGER_COLUMN).nullish(),
  usage_limit_per_customer: z.number().int().positive().max(MAX_INTEGER_COLUMN).nullish(),
  combinable: z.boolean().optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  is_active: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  ...couponRules,
}

/** Adds an issue on the field for each cross-field rule a whole coupon breaks. */
function refineTerms(terms: Parameters<typeof couponTermsProblems>[0], context: z.RefinementCtx) {
  for (const problem of couponTermsProblems(terms)) {
    context.addIssue({ code: "custom", path: [problem.field], message: problem.message })
  }
}

export const AdminCreateCoupon = z
  .object({ code: z.string(), ...couponTerms })
  .strict()
  .superRefine(refineTerms)

/** Any subset of the fields; rules across fields are checked against the stored coupon by the workflow. */
export const AdminUpdateCoupon = z
  .object({ code: z.string(), ...couponTerms })
  .partial()
  .strict()

export const GENERATE_MAX_COUNT = 100_000
const GENERATE_MIN_LENGTH = 4
const GENERATE_MAX_LENGTH = 32

export const AdminGenerateCoupons = z
  .object({
    prefix: z
      .string()
      .max(COUPON_CODE_MAX_LENGTH - GENERATE_MIN_LENGTH)
      .regex(/^[A-Za-z0-9_-]*$/, "Field 'prefix' may only hold letters, digits, \"_\" and \"-\"")
      .default(""),
    count: z.number().int().min(1).max(GENERATE_MAX_COUNT),
    length: z.number().int().min(GENERATE_MIN_LENGTH).max(GENERATE_MAX_LENGTH).default(8),
    ...couponTerms,
  })
  .strict()
  .superRefine((body, context) => {
    if (body.prefix.length + body.length > COUPON_CODE_MAX_LENGTH) {
      context.addIssue({
        code: "custom",
        path: ["length"],
        message: `Field 'length' plus the prefix (${body.prefix.length}) must be at most ${COUPON_CODE_MAX_LENGTH}, got ${body.length}`,
      })
    }
    refineTerms(body, context)
  })

export const AdminGetCouponParams = createSelectParams()

export const AdminGetCouponsParams = boundedFindParams({
  limit: 50,
  offset: 0,
  order: "-created_at",
}).extend({
  q: z.string().optional(),
  merchant_id: z.union([z.string(), z.array(z.string())]).optional(),
  is_active: booleanParam.optional(),
})

export type AdminCreateCouponType = z.infer<typeof AdminCreateCoupon>
export type AdminUpdateCouponType = z.infer<typeof AdminUpdateCoupon>
export type AdminGenerateCouponsType = z.infer<typeof AdminGenerateCoupons>
export type AdminGetCouponParamsType = z.infer<typeof AdminGetCouponParams>
export type AdminGetCouponsParamsType = z.infer<typeof AdminGetCouponsParams>
