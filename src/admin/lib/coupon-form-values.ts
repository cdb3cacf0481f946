import type { Coupon, CouponBody, CouponValueType } from "./coupon-api"

/** What the form holds: text as typed, parsed only when submitted. */
export type CouponFormValues = {
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
  }
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
  }
}

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text.trim()))

/** The API body for valid values (see `validateCouponTerms`). */
export function termsToBody(values: CouponTermsValues): Omit<CouponBody, "code"> {
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
  }
}

export function valuesToBody(values: CouponFormValues): CouponBody {
  return { code: values.code.trim(), ...termsToBody(values) }
}

/** The fields of `next` that differ from `previous`, for a partial update. */
export function changedFields(next: CouponBody, previous: CouponBody): Partial<CouponBody> {
  const changes: Partial<CouponBody> = {}
  for (const key of Object.keys(next) as (keyof CouponBody)[]) {
    if (next[key] !== previous[key]) {
      Object.assign(changes, { [key]: next[key] })
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
export function validateCouponTerms(values: CouponTermsValues): FieldErrors {
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
  return errors
}

export function validateCouponValues(values: CouponFormValues): FieldErrors {
  const errors = validateCouponTerms(values)
  const codeError = validateCode(values.code)
  return codeError ? { code: codeError, ...errors } : errors
}

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some(Boolean)
