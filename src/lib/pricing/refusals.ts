import type { Ledger } from "./ledger"
import * as messages from "./messages"
import type { CodeReach } from "./reach"
import type { DiscountStatus } from "./types"
import type { CheckedCode } from "./validate"

export type Refusal = { status: DiscountStatus; message: string }

/**
 * Why a code cannot apply, checked in this order: the caller's verdict, its merchant absent, an empty
 * cart, no target line in its scope, its minimum subtotal (of its target lines when it has target
 * rules), every target line priced by hand, and for buy X get Y too few units to buy and discount.
 * `null` when it may apply.
 */
export function refusalOf(code: CheckedCode, ledger: Ledger, reach: CodeReach, currency: string): Refusal | null {
  if (code.eligibility) {
    const { status, message } = code.eligibility
    return { status, message: message || messages.callerStatusMessage(status, code.code) }
  }
  const scopeSubtotal = code.merchant_id === null ? ledger.subtotal : ledger.bagByMerchant.get(code.merchant_id)?.subtotal
  if (scopeSubtotal === undefined) {
    return { status: "NOT_APPLICABLE", message: messages.merchantAbsentMessage(code.code, code.merchant_id as string) }
  }
  if (ledger.allLineIndexes.length === 0) {
    return { status: "NOT_APPLICABLE", message: messages.emptyCartMessage(code.code) }
  }
  const { targetLineIndexes, target_description, buy_get } = code.reach
  const targeted = targetLineIndexes !== null
  if (reach.targetLines.length === 0) {
    return { status: "NOT_APPLICABLE", message: messages.noTargetLineMessage(code.code, code.merchant_id, target_description) }
  }
  const subtotal = targeted ? reach.targetLines.reduce((sum, index) => sum + ledger.subtotals[index], 0) : scopeSubtotal
  if (code.min_subtotal !== null && subtotal < code.min_subtotal) {
    const targets = targeted ? target_description ?? messages.TARGET_WORDS : null
    const message = messages.minimumNotMetMessage(code.code, code.merchant_id, code.min_subtotal, subtotal, currency, targets)
    return { status: "MIN_SUBTOTAL_NOT_MET", message }
  }
  if (reach.discountable.length === 0) {
    return { status: "NOT_APPLICABLE", message: messages.allLinesHandPricedMessage(code.code) }
  }
  if (buy_get && reach.units?.length === 0) {
    const message = messages.buyGetShortMessage(code.code, buy_get, target_description)
    return { status: "NOT_APPLICABLE", message }
  }
  return null
}
