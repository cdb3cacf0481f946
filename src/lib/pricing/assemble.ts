import type { Ledger, Spread } from "./ledger"
import type { BagDiscount, PricedBag, PricedDiscount, PricedLine, PricedSession, PricingLineInput } from "./types"

export type AppliedDiscount = { result: PricedDiscount; spread: Spread }

/** Builds the output from the ledger; fills each applied discount's allocations in line order. */
export function assemble(
  lines: readonly PricingLineInput[],
  ledger: Ledger,
  results: PricedDiscount[],
  applied: readonly AppliedDiscount[],
  currency: string
): PricedSession {
  const lineAllocations: PricedLine["allocations"][] = lines.map(() => [])
  const bagDiscounts: BagDiscount[][] = ledger.bags.map(() => [])
  const bagAmounts = new Array<number>(ledger.bags.length).fill(0)
  for (const { result, spread } of applied) {
    const touchedBags: number[] = []
    spread.lineIndexes.forEach((lineIndex, position) => {
      const amount = spread.parts[position]
      if (amount === 0) return
      lineAllocations[lineIndex].push({ discount_id: result.id, amount })
      result.allocations.push({ line_id: lines[lineIndex].id, amount })
      const bagIndex = ledger.bagIndexOfLine[lineIndex]
      if (bagAmounts[bagIndex] === 0) touchedBags.push(bagIndex)
      bagAmounts[bagIndex] += amount
    })
    for (const bagIndex of touchedBags) {
      const { id, type, code } = result
      bagDiscounts[bagIndex].push({ id, type, code, amount: bagAmounts[bagIndex] })
      bagAmounts[bagIndex] = 0
    }
  }

  const bags: PricedBag[] = ledger.bags.map((bag) => {
    const pricedLines = bag.lineIndexes.map((index): PricedLine => {
      const line = lines[index]
      const subtotal = ledger.subtotals[index]
      const total = ledger.remaining[index]
      return {
        id: line.id,
        merchant_id: line.merchant_id,
        unit_price: line.unit_price,
        quantity: line.quantity,
        is_add_on: line.is_add_on === true,
        subtotal,
        discount_total: subtotal - total,
        total,
        allocations: lineAllocations[index],
      }
    })
    const total = ledger.remainingOf(bag.lineIndexes)
    return {
      merchant_id: bag.merchant_id,
      lines: pricedLines,
      subtotal: bag.subtotal,
      discount_total: bag.subtotal - total,
      total,
      discounts: bagDiscounts[bag.position],
    }
  })

  const total = bags.reduce((sum, bag) => sum + bag.total, 0)
  return {
    currency_code: currency,
    subtotal: ledger.subtotal,
    discount_total: ledger.subtotal - total,
    total,
    bags,
    discounts: results,
  }
}
