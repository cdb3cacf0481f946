import { allocateByWeight } from "./allocate"
import type { LineLookup } from "./line-index"
import type { PricingLineInput } from "./types"

export type MerchantBag = {
  /** Position among the bags: the order of the merchant's first line. */
  position: number
  merchant_id: string
  /** Indexes into the session's lines, ascending. */
  lineIndexes: number[]
  subtotal: number
}

/** A discount's parts, aligned with the line indexes it was spread over. */
export type Spread = { lineIndexes: readonly number[]; parts: number[]; amount: number }

/**
 * What remains to be discounted on each line. Every discount is taken from what remains, so the
 * discounts on a line never add up to more than its subtotal.
 */
export class Ledger {
  readonly subtotals: number[]
  readonly quantities: number[]
  readonly remaining: number[]
  readonly bags: MerchantBag[] = []
  readonly bagIndexOfLine: number[]
  readonly bagByMerchant = new Map<string, MerchantBag>()
  readonly lineIndexById: LineLookup
  readonly allLineIndexes: number[]
  readonly subtotal: number

  constructor(lines: readonly PricingLineInput[], lineIndexById: LineLookup) {
    this.lineIndexById = lineIndexById
    this.subtotals = new Array<number>(lines.length)
    this.quantities = lines.map((line) => line.quantity)
    this.bagIndexOfLine = new Array<number>(lines.length)
    this.allLineIndexes = new Array<number>(lines.length)
    let subtotal = 0
    lines.forEach((line, index) => {
      const lineSubtotal = line.unit_price * line.quantity
      this.subtotals[index] = lineSubtotal
      this.allLineIndexes[index] = index
      let bag = this.bagByMerchant.get(line.merchant_id)
      if (!bag) {
        bag = { position: this.bags.length, merchant_id: line.merchant_id, lineIndexes: [], subtotal: 0 }
        this.bagByMerchant.set(line.merchant_id, bag)
        this.bags.push(bag)
      }
      this.bagIndexOfLine[index] = bag.position
      bag.lineIndexes.push(index)
      bag.subtotal += lineSubtotal
      subtotal += lineSubtotal
    })
    this.remaining = this.subtotals.slice()
    this.subtotal = subtotal
  }

  remainingOf(lineIndexes: readonly number[]): number {
    let sum = 0
    for (const index of lineIndexes) sum += this.remaining[index]
    return sum
  }

  /** Takes `amount` (at most what remains) from the lines, shared by what remains of each. */
  take(lineIndexes: readonly number[], amount: number): Spread {
    // Every line in order (a cart-wide or store-wide discount): what remains is the weights as they are.
    const weights = lineIndexes === this.allLineIndexes ? this.remaining : lineIndexes.map((index) => this.remaining[index])
    const parts = allocateByWeight(amount, weights)
    for (let position = 0; position < lineIndexes.length; position++) {
      this.remaining[lineIndexes[position]] -= parts[position]
    }
    return { lineIndexes, parts, amount }
  }

  /** Takes parts already decided per line, each at most what remains of its line (the caller's guarantee). */
  takeParts(lineIndexes: readonly number[], parts: number[]): Spread {
    let amount = 0
    for (let position = 0; position < lineIndexes.length; position++) {
      this.remaining[lineIndexes[position]] -= parts[position]
      amount += parts[position]
    }
    return { lineIndexes, parts, amount }
  }

  /** Takes amounts already decided per line (stored allocations), each at most what remains of its line. */
  takeExact(shares: readonly { lineIndex: number; amount: number }[]): Spread {
    const lineIndexes = shares.map((share) => share.lineIndex)
    const parts = shares.map((share) => Math.min(share.amount, this.remaining[share.lineIndex]))
    parts.forEach((part, position) => (this.remaining[lineIndexes[position]] -= part))
    return { lineIndexes, parts, amount: parts.reduce((sum, part) => sum + part, 0) }
  }
}
