import { decimalToFraction, parseDecimal } from "./decimal"
import { PricingError } from "./errors"
import { invalid } from "./input-checks"

/** An exact non-negative rational; `denominator` > 0. */
export type Fraction = { numerator: bigint; denominator: bigint }

/** The taxes of a line or a shipping method: the sum of its percent rates, exact. `null`: untaxed. */
export type CheckedTax = { rate: Fraction; inclusive: boolean } | null

/** What a line or a shipping method is taxed on: its amount after discounts, in minor units. */
export type TaxableItem = { amount: number; tax: CheckedTax }

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Reads the percent rates of one line or method (`8.875` as 8875/1000, exactly); several add up. */
export function checkTax(rates: unknown, inclusive: unknown, path: string): CheckedTax {
  if (inclusive != null && typeof inclusive !== "boolean") {
    throw invalid(`${path}.is_tax_inclusive`, "must be a boolean", inclusive)
  }
  if (rates == null) return null
  if (!Array.isArray(rates)) throw invalid(`${path}.tax_rates`, "must be an array of percent rates", rates)
  let sum: Fraction = { numerator: 0n, denominator: 1n }
  rates.forEach((rate: unknown, index) => {
    const field = `${path}.tax_rates[${index}]`
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0) {
      throw invalid(field, "must be a percent rate of at least 0", rate)
    }
    sum = add(sum, decimalToFraction(parseDecimal(rate, field)))
  })
  return sum.numerator === 0n ? null : { rate: sum, inclusive: inclusive === true }
}

/**
 * The session's tax and each item's share of it. The tax of an item is exact: amount × rate / 100, or for a
 * tax-inclusive amount the part of it that is tax, amount × rate / (100 + rate). Their sum is rounded once
 * to the minor unit, half away from zero; every item gets the floor of its exact tax, and the units left over
 * go one each to the largest remainders, ties to the earlier item. So shares sum exactly to the total and
 * each lies within 1 of its exact tax.
 */
export function shareTax(items: readonly TaxableItem[]): { total: number; parts: number[] } {
  const parts = new Array<number>(items.length).fill(0)
  // Only taxed items with an amount have tax: the exact (BigInt) work is done for them alone.
  const taxed: number[] = []
  for (let index = 0; index < items.length; index++) {
    if (items[index].tax !== null && items[index].amount !== 0) taxed.push(index)
  }
  if (taxed.length === 0) return { total: 0, parts }
  const exact = taxed.map((index) => exactTax(items[index]))
  let denominator = 1n
  for (const tax of exact) denominator = leastCommonMultiple(denominator, tax.denominator)
  const numerators = exact.map((tax) => tax.numerator * (denominator / tax.denominator))
  const exactSum = numerators.reduce((sum, numerator) => sum + numerator, 0n)
  const total = (2n * exactSum + denominator) / (2n * denominator)
  if (total > MAX_SAFE) {
    throw new PricingError("AMOUNT_OUT_OF_RANGE", `the session's tax ${total} is beyond the safe integer range`)
  }
  const floors = numerators.map((numerator) => numerator / denominator)
  const remainders = numerators.map((numerator, position) => numerator - floors[position] * denominator)
  const leftover = Number(total - floors.reduce((sum, part) => sum + part, 0n))
  // Rounding the sum gives at most as many units as there are items with a remainder. Positions in
  // `taxed` ascend with the items' indexes, so ties still go to the earlier item.
  const candidates = remainders.flatMap((remainder, position) => (remainder > 0n ? [position] : []))
  candidates.sort((left, right) => {
    const a = remainders[left]
    const b = remainders[right]
    if (a === b) return left - right
    return a > b ? -1 : 1
  })
  for (let rank = 0; rank < leftover; rank++) floors[candidates[rank]] += 1n
  taxed.forEach((index, position) => (parts[index] = Number(floors[position])))
  return { total: Number(total), parts }
}

/** How many decimals `beforeTax` gives: the host keeps 20 significant digits of an amount. */
const BEFORE_TAX_DECIMALS = 12

/**
 * The part before tax of a tax-inclusive amount (`minor` units of a currency with `exponent` decimals) under
 * `tax`, in major units, as a decimal string rounded half up at 12 decimals: amount × 100 / (100 + rate). For
 * a host record that takes amounts before tax only (a shipping method's adjustment), so that the host's total
 * of it, tax added back, is the amount to well under a minor unit. Without tax (or tax-exclusive), the amount.
 */
export function beforeTax(minor: number, exponent: number, tax: CheckedTax): string {
  const scale = 10n ** BigInt(BEFORE_TAX_DECIMALS)
  const unit = 10n ** BigInt(exponent)
  let numerator = BigInt(minor) * scale
  let denominator = unit
  if (tax?.inclusive) {
    numerator *= 100n * tax.rate.denominator
    denominator *= 100n * tax.rate.denominator + tax.rate.numerator
  }
  const scaled = (2n * numerator + denominator) / (2n * denominator)
  const whole = scaled / scale
  const fraction = (scaled % scale).toString().padStart(BEFORE_TAX_DECIMALS, "0").replace(/0+$/, "")
  return fraction ? `${whole}.${fraction}` : `${whole}`
}

function exactTax(item: TaxableItem): Fraction {
  if (item.tax === null || item.amount === 0) return { numerator: 0n, denominator: 1n }
  const { numerator, denominator } = item.tax.rate
  const amount = BigInt(item.amount)
  // rate = numerator / denominator percent
  const divisor = item.tax.inclusive ? 100n * denominator + numerator : 100n * denominator
  return reduce({ numerator: amount * numerator, denominator: divisor })
}

function add(left: Fraction, right: Fraction): Fraction {
  return reduce({
    numerator: left.numerator * right.denominator + right.numerator * left.denominator,
    denominator: left.denominator * right.denominator,
  })
}

function reduce(fraction: Fraction): Fraction {
  const divisor = greatestCommonDivisor(fraction.numerator, fraction.denominator)
  return { numerator: fraction.numerator / divisor, denominator: fraction.denominator / divisor }
}

function greatestCommonDivisor(left: bigint, right: bigint): bigint {
  let a = left < 0n ? -left : left
  let b = right < 0n ? -right : right
  while (b !== 0n) [a, b] = [b, a % b]
  return a === 0n ? 1n : a
}

function leastCommonMultiple(left: bigint, right: bigint): bigint {
  return (left / greatestCommonDivisor(left, right)) * right
}
