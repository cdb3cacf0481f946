import { allocateByWeight } from "./allocate"
import type { Ledger } from "./ledger"
import * as messages from "./messages"
import { percentageOfFraction } from "./money"
import type { Refusal } from "./refusals"
import type { CheckedShippingMethod } from "./shipping-input"
import type { CheckedCode } from "./validate"

/** A shipping discount's parts, aligned with the bags (by position) it was spread over. */
export type ShippingSpread = { bagIndexes: readonly number[]; parts: number[]; amount: number }

/** What remains to be discounted of each bag's shipping method, by bag position (0 for a bag without one). */
export class ShippingLedger {
  readonly methods: (CheckedShippingMethod | null)[]
  readonly remaining: number[]

  constructor(ledger: Ledger, methods: readonly CheckedShippingMethod[]) {
    this.methods = ledger.bags.map(() => null)
    for (const method of methods) {
      const bag = ledger.bagByMerchant.get(method.merchant_id)
      if (bag) this.methods[bag.position] = method
    }
    this.remaining = this.methods.map((method) => method?.amount ?? 0)
  }

  /** Positions of the bags with a shipping method: every bag's, or one merchant's. */
  bagsWithMethod(merchantId: string | null, ledger: Ledger): number[] {
    const positions =
      merchantId === null ? ledger.bags.map((bag) => bag.position) : [ledger.bagByMerchant.get(merchantId)?.position ?? -1]
    return positions.filter((position) => this.methods[position] !== null && this.methods[position] !== undefined)
  }

  remainingOf(bagIndexes: readonly number[]): number {
    return bagIndexes.reduce((sum, index) => sum + this.remaining[index], 0)
  }

  /** Takes `amount` (at most what remains) from the bags' shipping, shared by what remains of each. */
  take(bagIndexes: readonly number[], amount: number): ShippingSpread {
    const parts = allocateByWeight(amount, bagIndexes.map((index) => this.remaining[index]))
    parts.forEach((part, position) => (this.remaining[bagIndexes[position]] -= part))
    return { bagIndexes, parts, amount }
  }

  /** Takes amounts already decided per bag (stored allocations), each at most what remains of its shipping. */
  takeExact(shares: readonly { bagIndex: number; amount: number }[]): ShippingSpread {
    const bagIndexes = shares.map((share) => share.bagIndex)
    const parts = shares.map((share) => Math.min(share.amount, this.remaining[share.bagIndex]))
    parts.forEach((part, position) => (this.remaining[bagIndexes[position]] -= part))
    return { bagIndexes, parts, amount: parts.reduce((sum, part) => sum + part, 0) }
  }
}

/**
 * Why a shipping code cannot apply, in this order: the caller's verdict, its merchant absent, an empty cart,
 * its minimum subtotal (of its scope's items after item discounts: its merchant's bag, or the session), and no
 * shipping method in its scope. `null` when it may apply.
 */
export function shippingRefusal(code: CheckedCode, ledger: Ledger, shipping: ShippingLedger, currency: string): Refusal | null {
  if (code.eligibility) {
    const { status, message } = code.eligibility
    return { status, message: message || messages.callerStatusMessage(status, code.code) }
  }
  const bag = code.merchant_id === null ? null : ledger.bagByMerchant.get(code.merchant_id)
  if (bag === undefined) {
    return { status: "NOT_APPLICABLE", message: messages.merchantAbsentMessage(code.code, code.merchant_id as string) }
  }
  if (ledger.allLineIndexes.length === 0) {
    return { status: "NOT_APPLICABLE", message: messages.emptyCartMessage(code.code) }
  }
  const subtotal = ledger.remainingOf(bag === null ? ledger.allLineIndexes : bag.lineIndexes)
  if (code.min_subtotal !== null && subtotal < code.min_subtotal) {
    const message = messages.shippingMinimumNotMetMessage(code.code, code.merchant_id, code.min_subtotal, subtotal, currency)
    return { status: "MIN_SUBTOTAL_NOT_MET", message }
  }
  if (shipping.bagsWithMethod(code.merchant_id, ledger).length === 0) {
    return { status: "NOT_APPLICABLE", message: messages.noShippingMethodMessage(code.code, code.merchant_id) }
  }
  return null
}

/** What the code takes from what remains of the bags' shipping: its percentage (floored) or its fixed value, at most all of it. */
export function shippingAmount(code: CheckedCode, shipping: ShippingLedger, bagIndexes: readonly number[]): number {
  const remaining = shipping.remainingOf(bagIndexes)
  if (code.percentage) return percentageOfFraction(remaining, code.percentage)
  return Math.min(code.value, remaining)
}
