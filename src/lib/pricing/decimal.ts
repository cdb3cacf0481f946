import { PricingError } from "./errors"

/** An exact decimal: `(negative ? -1 : 1) * coefficient * 10^exponent`, coefficient without leading zeros. */
export type Decimal = { negative: boolean; coefficient: string; exponent: number }

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

// Far beyond any safe-integer amount; keeps "1e999999" from building huge strings.
const EXPONENT_LIMIT = 400

/**
 * Reads a number or numeric string as the decimal it is written as. For a number this is the
 * shortest text that round-trips (`String(1.005)` is "1.005"), which is what the host stored,
 * so no binary floating-point error enters the arithmetic.
 */
export function parseDecimal(value: number | string, field: string): Decimal {
  let text: string
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new PricingError("INVALID_AMOUNT", `${field} must be a finite number, got ${value}`, field)
    }
    text = String(value)
  } else if (typeof value === "string") {
    text = value.trim()
  } else {
    throw new PricingError("INVALID_AMOUNT", `${field} must be a number or a numeric string`, field)
  }
  const match = DECIMAL_TEXT.exec(text)
  const integerDigits = match?.[2] ?? ""
  const fractionDigits = match?.[3] ?? ""
  if (!match || integerDigits.length + fractionDigits.length === 0) {
    throw new PricingError("INVALID_AMOUNT", `${field} is not a decimal number: ${JSON.stringify(value)}`, field)
  }
  const exponentPart = Number(match[4] ?? "0")
  if (Math.abs(exponentPart) > EXPONENT_LIMIT) {
    throw new PricingError("AMOUNT_OUT_OF_RANGE", `${field} is out of range: ${JSON.stringify(value)}`, field)
  }
  const coefficient = (integerDigits + fractionDigits).replace(/^0+/, "")
  return {
    negative: match[1] === "-" && coefficient !== "",
    coefficient,
    exponent: exponentPart - fractionDigits.length,
  }
}

/**
 * The decimal scaled by 10^scale and rounded half away from zero to an integer.
 * Only the first dropped digit matters: >= 5 means the dropped part is at least one half.
 */
export function roundDecimalToInteger(decimal: Decimal, scale: number): bigint {
  const { coefficient } = decimal
  if (coefficient === "") return 0n
  const shift = decimal.exponent + scale
  let magnitude: bigint
  if (shift >= 0) {
    magnitude = BigInt(coefficient) * 10n ** BigInt(shift)
  } else {
    const keptLength = coefficient.length + shift
    const kept = keptLength > 0 ? BigInt(coefficient.slice(0, keptLength)) : 0n
    const firstDropped = keptLength >= 0 ? coefficient.charCodeAt(keptLength) - 48 : 0
    magnitude = firstDropped >= 5 ? kept + 1n : kept
  }
  return decimal.negative ? -magnitude : magnitude
}

/** Exact rational `numerator / denominator` (denominator > 0) of a decimal. */
export function decimalToFraction(decimal: Decimal): { numerator: bigint; denominator: bigint } {
  const coefficient = BigInt(decimal.coefficient === "" ? "0" : decimal.coefficient)
  const signed = decimal.negative ? -coefficient : coefficient
  if (decimal.exponent >= 0) {
    return { numerator: signed * 10n ** BigInt(decimal.exponent), denominator: 1n }
  }
  return { numerator: signed, denominator: 10n ** BigInt(-decimal.exponent) }
}
