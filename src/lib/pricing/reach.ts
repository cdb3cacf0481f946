import { allocateByWeight } from "./allocate"
import { byPrice, planBuyGet, type UnitShare } from "./buy-get"
import type { Ledger, Spread } from "./ledger"
import { percentageOfFraction } from "./money"
import type { PricingLineInput } from "./types"
import type { CheckedCode } from "./validate"

/** The lines and units one code may discount, decided before any code applies. */
export type CodeReach = {
  /** Lines of its scope its target rules match (the whole scope without them), ascending. */
  targetLines: readonly number[]
  /** Those without an item-level manual discount: the lines it may discount. */
  discountable: readonly number[]
  /** Units of each line it discounts (`each`, `once`, buy X get Y); `null`: whole lines, shared across. */
  units: UnitShare[] | null
}

export function codeReach(
  code: CheckedCode,
  lines: readonly PricingLineInput[],
  scopeLines: readonly number[],
  handPriced: ReadonlySet<number>
): CodeReach {
  const { targetLineIndexes, allocation, max_quantity, buy_get } = code.reach
  // Shared, not copied, where nothing is left out (a session may have thousands of lines): never changed.
  const targetLines = targetLineIndexes ? scopeLines.filter((index) => targetLineIndexes.has(index)) : scopeLines
  const discountable = handPriced.size === 0 ? targetLines : targetLines.filter((index) => !handPriced.has(index))
  if (buy_get) {
    const buyLines = scopeLines.filter((index) => buy_get.lineIndexes.has(index))
    const terms = { ...buy_get, max_quantity: max_quantity as number }
    return { targetLines, discountable, units: planBuyGet(lines, discountable, buyLines, terms).discounted }
  }
  if (allocation === "each") {
    const most = max_quantity as number
    const units = discountable.map((lineIndex) => ({ lineIndex, units: Math.min(lines[lineIndex].quantity, most) }))
    return { targetLines, discountable, units }
  }
  if (allocation === "once") {
    return { targetLines, discountable, units: cheapestUnits(lines, discountable, max_quantity as number) }
  }
  return { targetLines, discountable, units: null }
}

/** What the code would take now from what remains of its lines, without taking it. */
export function codeSaving(code: CheckedCode, ledger: Ledger, reach: CodeReach): number {
  if (reach.units === null) return acrossAmount(code, ledger.remainingOf(reach.discountable))
  return unitParts(code, ledger, reach.units).amount
}

/** Takes the code's amount from what remains of its lines. */
export function takeCode(code: CheckedCode, ledger: Ledger, reach: CodeReach): Spread {
  if (reach.units === null) {
    const amount = acrossAmount(code, ledger.remainingOf(reach.discountable))
    return ledger.take(reach.discountable, amount)
  }
  const { lineIndexes, parts } = unitParts(code, ledger, reach.units)
  return ledger.takeParts(lineIndexes, parts)
}

function acrossAmount(code: CheckedCode, base: number): number {
  if (code.percentage) return percentageOfFraction(base, code.percentage)
  return Math.min(code.value, base)
}

/**
 * A percentage is taken once, floored, of what remains of the units, and shared by each line's part
 * of that (largest remainder); a fixed value is per unit and at most what remains of the units.
 */
function unitParts(code: CheckedCode, ledger: Ledger, units: readonly UnitShare[]) {
  const lineIndexes = units.map((share) => share.lineIndex)
  const bases = units.map((share) => unitsRemaining(ledger, share))
  if (code.percentage) {
    const amount = percentageOfFraction(sum(bases), code.percentage)
    return { lineIndexes, parts: allocateByWeight(amount, bases), amount }
  }
  const parts = units.map((share, position) => {
    const perUnits = code.value * share.units
    return Number.isSafeInteger(perUnits) && perUnits <= bases[position] ? perUnits : bases[position]
  })
  return { lineIndexes, parts, amount: sum(parts) }
}

/** What remains of some units of a line: their share of what remains of it, floored. */
function unitsRemaining(ledger: Ledger, share: UnitShare): number {
  const remaining = ledger.remaining[share.lineIndex]
  const quantity = ledger.quantities[share.lineIndex]
  if (share.units === quantity) return remaining
  const product = remaining * share.units
  if (Number.isSafeInteger(product)) return (product - (product % quantity)) / quantity
  return Number((BigInt(remaining) * BigInt(share.units)) / BigInt(quantity))
}

/** At most `most` units in all, the cheapest first, ties to the earlier line; ascending by line. */
function cheapestUnits(lines: readonly PricingLineInput[], indexes: readonly number[], most: number): UnitShare[] {
  const shares: UnitShare[] = []
  let left = most
  for (const lineIndex of byPrice(lines, indexes, "cheapest")) {
    if (left === 0) break
    const units = Math.min(lines[lineIndex].quantity, left)
    shares.push({ lineIndex, units })
    left -= units
  }
  return shares.sort((a, b) => a.lineIndex - b.lineIndex)
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
