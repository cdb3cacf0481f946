import { currencyExponent } from "./currency"
import { decimalToFraction, parseDecimal, roundDecimalToInteger } from "./decimal"
import { PricingError } from "./errors"

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * The largest amount, in minor units, that a session may reach: every amount
 * below 10^15 has at most 15 significant digits, so it prints exactly as a
 * major-unit number (`fromMinorUnits`) in any currency.
 */
export const MAX_AMOUNT = 999_999_999_999_999

/**
 * Converts a major-unit amount as the host stores it (`11.370000000000001`, `"0.3334"`) to an
 * integer of minor units, rounding half away from zero at the currency's exponent.
 */
export function toMinorUnits(amount: number | string, currency: string, field = "amount"): number {
  const exponent = currencyExponent(currency)
  const minor = roundDecimalToInteger(parseDecimal(amount, field), exponent)
  if (minor > MAX_SAFE || minor < -MAX_SAFE) {
    throw new PricingError(
      "AMOUNT_OUT_OF_RANGE",
      `${field} ${String(amount)} ${currency} is too large to be priced exactly`,
      field
    )
  }
  return Number(minor)
}

/** Whether a major-unit amount has no more decimals than the currency has (12.5 USD yes, 12.505 USD or 1.5 JPY no). */
export function fitsMinorUnits(amount: number | string, currency: string, field = "amount"): boolean {
  return -parseDecimal(amount, field).exponent <= currencyExponent(currency)
}

export function assertMinorUnits(minor: number, field = "amount"): void {
  if (typeof minor !== "number" || !Number.isInteger(minor)) {
    throw new PricingError("INVALID_AMOUNT", `${field} must be an integer of minor units, got ${String(minor)}`, field)
  }
  if (!Number.isSafeInteger(minor)) {
    throw new PricingError("AMOUNT_OUT_OF_RANGE", `${field} ${minor} is beyond the safe integer range`, field)
  }
}

/** "32.49" for 3249 USD, "5" for 5 JPY, "-1.234" for -1234 KWD: exact, with the currency's decimals. */
export function formatMinorUnits(minor: number, currency: string): string {
  assertMinorUnits(minor)
  const exponent = currencyExponent(currency)
  const digits = Math.abs(minor).toString()
  const sign = minor < 0 ? "-" : ""
  if (exponent === 0) return sign + digits
  const padded = digits.padStart(exponent + 1, "0")
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`
}

/**
 * Minor units back to the host's major-unit number (3249 USD → 32.49). The result prints as the
 * exact decimal; amounts with more significant digits than a double can carry are refused.
 */
export function fromMinorUnits(minor: number, currency: string): number {
  return minorToMajor(minor, currencyExponent(currency), currency)
}

/** fromMinorUnits for the many amounts of one currency (an answer's), its decimals looked up once. */
export function fromMinorUnitsOf(currency: string): (minor: number) => number {
  const exponent = currencyExponent(currency)
  return (minor) => minorToMajor(minor, exponent, currency)
}

function minorToMajor(minor: number, exponent: number, currency: string): number {
  assertMinorUnits(minor)
  if (Math.abs(minor) < 1e15) {
    // The amount and the power of ten are exact doubles, so the quotient is rounded once, to the double
    // nearest the exact decimal: the number its text (formatMinorUnits) parses to, without the text.
    const major = minor / 10 ** exponent
    return major === 0 ? 0 : major
  }
  const text = formatMinorUnits(minor, currency)
  const major = Number(text)
  // Up to 15 significant digits always round-trip through a double; beyond that, check.
  if (Math.abs(minor) >= 1e15 && !sameDecimal(String(major), text)) {
    throw new PricingError(
      "AMOUNT_OUT_OF_RANGE",
      `${minor} minor units of ${currency} cannot be represented exactly as a number`
    )
  }
  return major === 0 ? 0 : major
}

function sameDecimal(printed: string, exact: string): boolean {
  const trimmed = exact.includes(".") ? exact.replace(/0+$/, "").replace(/\.$/, "") : exact
  return printed === trimmed
}

/**
 * floor(base * percentage / 100) computed exactly, for a percentage such as 10 or 12.5.
 * The shopper-visible amount is the floored one, never more.
 */
export function percentageOf(base: number, percentage: number | string): number {
  return percentageOfFraction(base, decimalToFraction(parseDecimal(percentage, "percentage")))
}

/** As `percentageOf`, for a percentage already read as the exact fraction numerator / denominator. */
export function percentageOfFraction(
  base: number,
  percentage: { numerator: bigint; denominator: bigint }
): number {
  assertMinorUnits(base, "base")
  const product = BigInt(base) * percentage.numerator
  const divisor = percentage.denominator * 100n
  let quotient = product / divisor
  // BigInt division truncates toward zero; floor needs one less for negative inexact results.
  if (product < 0n && quotient * divisor !== product) quotient -= 1n
  return Number(quotient)
}
