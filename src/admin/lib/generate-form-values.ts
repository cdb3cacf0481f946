import type { GenerateCouponsBody } from "./coupon-api"
import {
  CouponTermsValues,
  emptyCouponValues,
  FieldErrors,
  RuleAttributes,
  termsToBody,
  validateCouponTerms,
  withoutEmptyRuleFields,
} from "./coupon-form-values"

export type GenerateFormValues = CouponTermsValues & { prefix: string; count: string; length: string }

const CODE_MAX_LENGTH = 50
const MAX_COUNT = 100_000
const LENGTH_RANGE = { min: 4, max: 32 }

export function emptyGenerateValues(): GenerateFormValues {
  const { code: _code, ...terms } = emptyCouponValues()
  return { prefix: "", count: "10", length: "8", ...terms }
}

const isWholeIn = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max

export function validateGenerateValues(values: GenerateFormValues, attributes: RuleAttributes): FieldErrors {
  const errors = validateCouponTerms(values, attributes)
  const prefix = values.prefix.trim()
  const count = Number(values.count)
  const length = Number(values.length)
  if (!/^[A-Za-z0-9_-]*$/.test(prefix)) {
    errors.prefix = 'Use letters, digits, "_" or "-".'
  }
  if (!values.count.trim() || !isWholeIn(count, 1, MAX_COUNT)) {
    errors.count = `Enter a whole number from 1 to ${MAX_COUNT}.`
  }
  if (!values.length.trim() || !isWholeIn(length, LENGTH_RANGE.min, LENGTH_RANGE.max)) {
    errors.length = `Enter a whole number from ${LENGTH_RANGE.min} to ${LENGTH_RANGE.max}.`
  } else if (prefix.length + length > CODE_MAX_LENGTH) {
    errors.length = `Prefix and random part together must be at most ${CODE_MAX_LENGTH} characters.`
  }
  return errors
}

/** Every coupon gets the same terms and rules; rule fields without a value are left out. */
export function generateValuesToBody(values: GenerateFormValues, attributes: RuleAttributes): GenerateCouponsBody {
  return {
    ...withoutEmptyRuleFields(termsToBody(values, attributes)),
    prefix: values.prefix.trim(),
    count: Number(values.count),
    length: Number(values.length),
  }
}
