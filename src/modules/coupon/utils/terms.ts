import { MedusaError } from "@medusajs/framework/utils"
import { fromMinorUnits, isKnownCurrency, toMinorUnits } from "../../../lib/pricing"
import { CouponValueType } from "../types"

type CouponTermsToCheck = {
  value_type: CouponValueType
  value: number
  currency_code?: string | null
  min_subtotal?: number | null
  /** Dates may arrive as ISO strings once a workflow has serialized its input. */
  starts_at?: Date | string | null
  ends_at?: Date | string | null
}

export type CouponTermsProblem = { field: string; message: string }

/**
 * The rules that tie a coupon's fields together (each field's own type and
 * range is the validators' job). Shared by the HTTP validators and the
 * workflows, so a coupon updated field by field is checked as a whole.
 */
export function couponTermsProblems(terms: CouponTermsToCheck): CouponTermsProblem[] {
  const problems: CouponTermsProblem[] = []
  const currency = terms.currency_code ?? null
  const knownCurrency = currency !== null && isKnownCurrency(currency)

  if (currency !== null && !knownCurrency) {
    problems.push({
      field: "currency_code",
      message: `Field 'currency_code' must be an ISO 4217 currency code, got ${JSON.stringify(currency)}`,
    })
  }
  if (terms.value_type === "percentage" && terms.value > 100) {
    problems.push({
      field: "value",
      message: `Field 'value' of a percentage coupon must be at most 100, got ${terms.value}`,
    })
  }
  if (terms.value_type === "fixed") {
    problems.push(...amountProblems("value", "a fixed coupon", terms.value, currency, knownCurrency))
  }
  if (terms.min_subtotal !== null && terms.min_subtotal !== undefined) {
    problems.push(
      ...amountProblems("min_subtotal", "a 'min_subtotal'", terms.min_subtotal, currency, knownCurrency)
    )
  }
  if (terms.starts_at && terms.ends_at) {
    const startsAt = new Date(terms.starts_at)
    const endsAt = new Date(terms.ends_at)
    if (endsAt.getTime() <= startsAt.getTime()) {
      problems.push({
        field: "ends_at",
        message: `Field 'ends_at' must be after 'starts_at' (${startsAt.toISOString()}), got ${endsAt.toISOString()}`,
      })
    }
  }
  return problems
}

/** An amount needs a currency, and must be a whole number of its minor units. */
function amountProblems(
  field: string,
  what: string,
  amount: number,
  currency: string | null,
  knownCurrency: boolean
): CouponTermsProblem[] {
  if (currency === null) {
    return [{ field: "currency_code", message: `Field 'currency_code' is required for ${what}` }]
  }
  if (knownCurrency && !isWholeMinorUnits(amount, currency)) {
    return [
      {
        field,
        message: `Field '${field}' must be a whole number of ${currency.toUpperCase()} minor units, got ${amount}`,
      },
    ]
  }
  return []
}

function isWholeMinorUnits(amount: number, currency: string): boolean {
  try {
    return fromMinorUnits(toMinorUnits(amount, currency), currency) === amount
  } catch {
    return false
  }
}

/** Throws a 400 (`invalid_data`) naming every field that breaks a rule. */
export function assertCouponTerms(terms: CouponTermsToCheck): void {
  const problems = couponTermsProblems(terms)
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.map((problem) => problem.message).join("; "))
  }
}
