import { PricingError } from "./errors"
import type { Ledger, Spread } from "./ledger"
import type { ShippingLedger, ShippingSpread } from "./shipping"
import { shareTax, type TaxableItem } from "./tax"
import type { BagDiscount, PricedBag, PricedDiscount, PricedLine, PricedSession } from "./types"
import type { CheckedInput } from "./validate"

export type AppliedDiscount = { result: PricedDiscount; spread: Spread }
export type AppliedShipping = { result: PricedDiscount; spread: ShippingSpread }

/**
 * Builds the output from the ledgers; fills each applied discount's allocations in line (or bag) order, and
 * shares the session's tax over its lines, then its shipping methods (`shareTax`).
 */
export function assemble(
  checked: CheckedInput,
  ledger: Ledger,
  shipping: ShippingLedger,
  results: PricedDiscount[],
  applied: readonly AppliedDiscount[],
  appliedShipping: readonly AppliedShipping[] = []
): PricedSession {
  const { lines } = checked
  const lineAllocations = allocationsOfLines(lines.length, applied)
  const filled = new Int32Array(lines.length)
  const bagDiscounts: BagDiscount[][] = ledger.bags.map(() => [])
  const bagAmounts = new Array<number>(ledger.bags.length).fill(0)
  for (const { result, spread } of applied) {
    const touchedBags: number[] = []
    const { lineIndexes, parts } = spread
    let given = 0
    for (let position = 0; position < parts.length; position++) if (parts[position] !== 0) given++
    // Sized once: a store-wide discount has a part on each of thousands of lines.
    const discountAllocations: PricedDiscount["allocations"] = new Array(given)
    let next = 0
    for (let position = 0; position < lineIndexes.length; position++) {
      const amount = parts[position]
      if (amount === 0) continue
      const lineIndex = lineIndexes[position]
      // One object in both lists (the line's and the discount's), each naming the other side.
      const allocation = { line_id: lines[lineIndex].id, discount_id: result.id, amount }
      lineAllocations[lineIndex][filled[lineIndex]++] = allocation
      discountAllocations[next++] = allocation
      const bagIndex = ledger.bagIndexOfLine[lineIndex]
      if (bagAmounts[bagIndex] === 0) touchedBags.push(bagIndex)
      bagAmounts[bagIndex] += amount
    }
    result.allocations = result.allocations.length ? result.allocations.concat(discountAllocations) : discountAllocations
    for (const bagIndex of touchedBags) {
      const { id, type, code } = result
      bagDiscounts[bagIndex].push({ id, type, code, amount: bagAmounts[bagIndex] })
      bagAmounts[bagIndex] = 0
    }
  }
  const shippingDiscounts = shippingDiscountsOfBags(ledger, appliedShipping)

  const { tax, inclusive } = taxOfItems(checked, ledger, shipping)
  const addedTax = (index: number) => (inclusive?.[index] ? 0 : tax[index])

  const bags: PricedBag[] = ledger.bags.map((bag) => {
    let item_tax_total = 0
    let added = 0
    const pricedLines = bag.lineIndexes.map((index): PricedLine => {
      const line = lines[index]
      const subtotal = ledger.subtotals[index]
      const total = ledger.remaining[index]
      item_tax_total += tax[index]
      added += addedTax(index)
      return {
        id: line.id,
        merchant_id: line.merchant_id,
        unit_price: line.unit_price,
        quantity: line.quantity,
        is_add_on: line.is_add_on === true,
        subtotal,
        discount_total: subtotal - total,
        total,
        tax_total: tax[index],
        allocations: lineAllocations[index],
      }
    })
    const itemTotal = ledger.remainingOf(bag.lineIndexes)
    const method = shipping.methods[bag.position]
    const shippingIndex = lines.length + bag.position
    const shipping_total = method?.amount ?? 0
    const shipping_discount_total = shipping_total - shipping.remaining[bag.position]
    const shipping_tax_total = tax[shippingIndex]
    added += addedTax(shippingIndex)
    return {
      merchant_id: bag.merchant_id,
      lines: pricedLines,
      subtotal: bag.subtotal,
      discount_total: bag.subtotal - itemTotal,
      shipping_method: method ? { option_id: method.option_id, name: method.name, amount: method.amount } : null,
      shipping_total,
      shipping_discount_total,
      tax_total: item_tax_total + shipping_tax_total,
      item_tax_total,
      shipping_tax_total,
      total: itemTotal + shipping.remaining[bag.position] + added,
      discounts: bagDiscounts[bag.position],
      shipping_discounts: shippingDiscounts[bag.position],
    }
  })
  return { currency_code: checked.currency_code, ...sumOfBags(bags), bags, discounts: results }
}

/**
 * The tax of each line, then of each bag's shipping method (`shareTax`), and whether it is included in
 * the amount (`null`: none is). Nothing to share (and no item built) when nothing is taxed.
 */
function taxOfItems(checked: CheckedInput, ledger: Ledger, shipping: ShippingLedger): { tax: number[]; inclusive: boolean[] | null } {
  const { lines, lineTaxes } = checked
  const count = lines.length + shipping.methods.length
  const taxOfMethod = (index: number) => shipping.methods[index]?.tax ?? null
  let taxed = lineTaxes.some((tax) => tax !== null)
  for (let index = 0; index < shipping.methods.length && !taxed; index++) taxed = taxOfMethod(index) !== null
  if (!taxed) return { tax: new Array<number>(count).fill(0), inclusive: null }
  const taxable: TaxableItem[] = new Array(count)
  for (let index = 0; index < lines.length; index++) taxable[index] = { amount: ledger.remaining[index], tax: lineTaxes[index] }
  for (let index = 0; index < shipping.methods.length; index++) {
    taxable[lines.length + index] = { amount: shipping.remaining[index], tax: taxOfMethod(index) }
  }
  return { tax: shareTax(taxable).parts, inclusive: taxable.map((item) => item.tax?.inclusive === true) }
}

/**
 * Each line's allocations array, sized to the applied discounts that give it a part (a session may have
 * thousands of lines: no array grows as it is filled), in the order `assemble` fills them.
 */
function allocationsOfLines(lineCount: number, applied: readonly AppliedDiscount[]): PricedLine["allocations"][] {
  const counts = new Int32Array(lineCount)
  for (const { spread } of applied) {
    for (let position = 0; position < spread.lineIndexes.length; position++) {
      if (spread.parts[position] !== 0) counts[spread.lineIndexes[position]]++
    }
  }
  const allocations = new Array<PricedLine["allocations"]>(lineCount)
  for (let index = 0; index < lineCount; index++) allocations[index] = new Array(counts[index])
  return allocations
}

function shippingDiscountsOfBags(ledger: Ledger, appliedShipping: readonly AppliedShipping[]): BagDiscount[][] {
  const discounts: BagDiscount[][] = ledger.bags.map(() => [])
  // Spreads list their bags in bag order, so allocations come out in bag order.
  for (const { result, spread } of appliedShipping) {
    spread.bagIndexes.forEach((bagIndex, position) => {
      const amount = spread.parts[position]
      if (amount === 0) return
      result.shipping_allocations.push({ merchant_id: ledger.bags[bagIndex].merchant_id, amount })
      discounts[bagIndex].push({ id: result.id, type: result.type, code: result.code, amount })
    })
  }
  return discounts
}

const SUMMED = [
  "subtotal",
  "discount_total",
  "shipping_total",
  "shipping_discount_total",
  "tax_total",
  "item_tax_total",
  "shipping_tax_total",
  "total",
] as const

type SessionTotals = Record<(typeof SUMMED)[number], number>

/** The session's totals: the sums of its bags'. */
function sumOfBags(bags: readonly PricedBag[]): SessionTotals {
  const totals = Object.fromEntries(SUMMED.map((key) => [key, 0])) as SessionTotals
  for (const bag of bags) for (const key of SUMMED) totals[key] += bag[key]
  if (!Number.isSafeInteger(totals.total)) {
    throw new PricingError("AMOUNT_OUT_OF_RANGE", `the session's total ${totals.total} is beyond the safe integer range`)
  }
  return totals
}
