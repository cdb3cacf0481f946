import type { Coupon, CouponBody, CouponRuleFields, CouponValueType } from "./coupon-api"
import {
  couponToRuleValues,
  CouponRuleValues,
  emptyRuleValues,
  ruleFieldNames,
  ruleValuesToBody,
  validateCouponRules,
} from "./coupon-rule-values"
import type { RuleAttributeInfo } from "./rule-attributes-api"

/** The coupon's terms as the form holds them: text as typed, parsed only when submitted. */
type CouponTermFormValues = {
  code: string
  name: string
  /** `null` = store-wide. */
  merchant_id: string | null
  value_type: CouponValueType
  value: string
  currency_code: string
  starts_at: Date | null
  ends_at: Date | null
  min_subtotal: string
  usage_limit: string
  usage_limit_per_customer: string
  combinable: boolean
  priority: string
  is_active: boolean
}

/** What the form holds: the terms, then the rules (docs/coupon-rules.md). */
export type CouponFormValues = CouponTermFormValues & CouponRuleValues

/** The rule attributes the store lists; `undefined` while they load. */
export type RuleAttributes = readonly RuleAttributeInfo[] | undefined

export type CouponTermsValues = Omit<CouponFormValues, "code">
export type FieldErrors = Partial<Record<string, string>>

const CODE_PATTERN = /^[A-Za-z0-9_-]{1,50}$/
const PRIORITY_LIMIT = 1_000_000

/** Empty values, their keys in the order the form shows the fields. */
export function emptyCouponValues(): CouponFormValues {
  return {
    code: "",
    name: "",
    merchant_id: null,
    value_type: "percentage",
    value: "",
    currency_code: "",
    min_subtotal: "",
    starts_at: null,
    ends_at: null,
    usage_limit: "",
    usage_limit_per_customer: "",
    priority: "0",
    combinable: true,
    is_active: true,
    ...emptyRuleValues(),
  }
}

/** Every field of the form in the order it shows them, each rule row (`rules.0`) one: for server errors and focus. */
export function couponFieldNames(values: CouponTermsValues, withCode = true): string[] {
  const ruleFields = new Set<string>(Object.keys(emptyRuleValues()))
  const terms = Object.keys(emptyCouponValues()).filter((field) => !ruleFields.has(field) && (withCode || field !== "code"))
  return [...terms, ...ruleFieldNames(values)]
}

export function couponToValues(coupon: Coupon): CouponFormValues {
  const text = (value: number | null) => (value === null ? "" : String(value))
  return {
    code: coupon.code,
    name: coupon.name ?? "",
    merchant_id: coupon.merchant_id,
    value_type: coupon.value_type,
    value: String(coupon.value),
    currency_code: (coupon.currency_code ?? "").toUpperCase(),
    starts_at: coupon.starts_at ? new Date(coupon.starts_at) : null,
    ends_at: coupon.ends_at ? new Date(coupon.ends_at) : null,
    min_subtotal: text(coupon.min_subtotal),
    usage_limit: text(coupon.usage_limit),
    usage_limit_per_customer: text(coupon.usage_limit_per_customer),
    combinable: coupon.combinable,
    priority: String(coupon.priority),
    is_active: coupon.is_active,
    ...couponToRuleValues(coupon),
  }
}

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text.trim()))

/** The API body for valid values (see `validateCouponTerms`), every rule field present (`null` when it has none). */
export function termsToBody(values: CouponTermsValues, attributes: RuleAttributes): Omit<CouponBody, "code"> {
  return {
    name: values.name.trim() || null,
    merchant_id: values.merchant_id,
    value_type: values.value_type,
    value: Number(values.value.trim()),
    currency_code: values.currency_code.trim().toLowerCase() || null,
    starts_at: values.starts_at ? values.starts_at.toISOString() : null,
    ends_at: values.ends_at ? values.ends_at.toISOString() : null,
    min_subtotal: numberOrNull(values.min_subtotal),
    usage_limit: numberOrNull(values.usage_limit),
    usage_limit_per_customer: numberOrNull(values.usage_limit_per_customer),
    combinable: values.combinable,
    priority: numberOrNull(values.priority) ?? 0,
    is_active: values.is_active,
    ...ruleValuesToBody(values, attributes),
  }
}

export function valuesToBody(values: CouponFormValues, attributes: RuleAttributes): CouponBody {
  return { code: values.code.trim(), ...termsToBody(values, attributes) }
}

const RULE_BODY_FIELDS = Object.keys(ruleValuesToBody(emptyRuleValues(), [])) as CouponRuleFields[]

/** A body for creating: rule fields without a value are left out rather than sent as `null`. */
export function withoutEmptyRuleFields<Body extends Partial<CouponBody>>(body: Body): Body {
  const kept = { ...body }
  for (const field of RULE_BODY_FIELDS) {
    if (kept[field] === null) delete kept[field]
  }
  return kept
}

/** The fields of `next` that differ from `previous`, for a partial update; a cleared field is sent as `null`. */
export function changedFields(next: CouponBody, previous: CouponBody): Partial<CouponBody> {
  const changes: Partial<CouponBody> = {}
  for (const key of Object.keys(next) as (keyof CouponBody)[]) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(previous[key] ?? null)) {
      Object.assign(changes, { [key]: next[key] ?? null })
    }
  }
  return changes
}

export function validateCode(code: string): string | undefined {
  if (!code.trim()) {
    return "Enter a code."
  }
  if (!CODE_PATTERN.test(code.trim())) {
    return 'Use 1 to 50 letters, digits, "_" or "-".'
  }
  return undefined
}

/** The obvious mistakes, caught before a request; the server checks the rest. */
export function validateCouponTerms(values: CouponTermsValues, attributes: RuleAttributes): FieldErrors {
  const errors: FieldErrors = {}
  const value = numberOrNull(values.value)
  if (value === null) {
    errors.value = "Enter a value."
  } else if (!Number.isFinite(value) || value <= 0) {
    errors.value = "Enter a number greater than 0."
  } else if (values.value_type === "percentage" && value > 100) {
    errors.value = "A percentage can be at most 100."
  }
  const currency = values.currency_code.trim()
  if (currency && !/^[A-Za-z]{3}$/.test(currency)) {
    errors.currency_code = "Enter a three-letter ISO 4217 code, e.g. USD."
  } else if (!currency && values.value_type === "fixed") {
    errors.currency_code = "A fixed amount needs a currency."
  } else if (!currency && values.min_subtotal.trim()) {
    errors.currency_code = "A minimum subtotal needs a currency."
  } else if (!currency && values.rules.some((row) => attributes?.find((entry) => entry.name === row.attribute)?.money)) {
    errors.currency_code = "A rule on an amount needs a currency."
  }
  const minSubtotal = numberOrNull(values.min_subtotal)
  if (minSubtotal !== null && !(Number.isFinite(minSubtotal) && minSubtotal >= 0)) {
    errors.min_subtotal = "Enter an amount of 0 or more."
  }
  if (values.starts_at && values.ends_at && values.ends_at <= values.starts_at) {
    errors.ends_at = "The end must be after the start."
  }
  for (const field of ["usage_limit", "usage_limit_per_customer"] as const) {
    const limit = numberOrNull(values[field])
    if (limit !== null && !(Number.isInteger(limit) && limit > 0)) {
      errors[field] = "Enter a whole number of 1 or more, or leave empty for no limit."
    }
  }
  const priority = numberOrNull(values.priority)
  if (priority !== null && !(Number.isInteger(priority) && Math.abs(priority) <= PRIORITY_LIMIT)) {
    errors.priority = `Enter a whole number between -${PRIORITY_LIMIT} and ${PRIORITY_LIMIT}.`
  }
  return { ...errors, ...validateCouponRules(values, attributes) }
}

export function validateCouponValues(values: CouponFormValues, attributes: RuleAttributes): FieldErrors {
  const errors = validateCouponTerms(values, attributes)
  const codeError = validateCode(values.code)
  return codeError ? { code: codeError, ...errors } : errors
}

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some(Boolean)
