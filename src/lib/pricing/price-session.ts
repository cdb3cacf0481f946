import { assemble, type AppliedDiscount } from "./assemble"
import { PricingError } from "./errors"
import { Ledger, type Spread } from "./ledger"
import * as messages from "./messages"
import { percentageOfFraction } from "./money"
import { resolveStacking, type StackingCandidate } from "./stacking"
import type { DiscountStatus, PricedDiscount, PricedSession, PriceSessionInput, PricingManualInput } from "./types"
import { checkSessionInput, type CheckedCode } from "./validate"

/**
 * Prices a cart session: one bag per merchant, codes then manual discounts, all in minor units.
 *
 * Order of application: merchant codes on their own bag first (so a merchant's discount depends
 * only on its own bag), then store-wide codes on what remains of the whole session, each group by
 * priority (higher first) then applied order; then manual discounts in input order. Which codes
 * apply together is decided beforehand by `resolveStacking`.
 *
 * An accepted code whose amount comes out 0 (everything already discounted) is still APPLIED with
 * amount 0 and says so in its message: it is valid and was honoured, there was just nothing left.
 * A manual discount with nothing left to take is NOT_APPLICABLE instead, since staff asked for an
 * amount that could not be given.
 */
export function priceSession(input: PriceSessionInput): PricedSession {
  const checked = checkSessionInput(input)
  const currency = checked.currency_code
  const ledger = new Ledger(checked.lines, checked.lineIndexById)
  const results: PricedDiscount[] = []
  const applied: AppliedDiscount[] = []

  const candidates: StackingCandidate[] = []
  checked.codes.forEach((code, order) => {
    const result = codeResult(code)
    results.push(result)
    const refusal = refusalOf(code, ledger, currency)
    if (refusal) {
      reject(result, refusal.status, refusal.message)
    } else {
      const { merchant_id, combinable, priority } = code
      const saving = codeAmount(code, scopeSubtotal(code, ledger) as number)
      candidates.push({ order, merchant_id, combinable, priority, saving })
    }
  })

  const outcomes = resolveStacking(candidates)
  for (const [order, outcome] of outcomes) {
    if (outcome.accepted) continue
    const loser = checked.codes[order].code
    const winner = checked.codes[outcome.winner].code
    reject(results[order], "NOT_COMBINABLE", messages.notCombinableMessage(loser, winner, outcome.reason))
  }

  const accepted = candidates.filter((candidate) => outcomes.get(candidate.order)?.accepted)
  accepted.sort(
    (left, right) =>
      Number(left.merchant_id === null) - Number(right.merchant_id === null) ||
      right.priority - left.priority ||
      left.order - right.order
  )
  for (const candidate of accepted) {
    const code = checked.codes[candidate.order]
    const lineIndexes =
      code.merchant_id === null ? ledger.allLineIndexes : ledger.bagByMerchant.get(code.merchant_id)!.lineIndexes
    const spread = ledger.take(lineIndexes, codeAmount(code, ledger.remainingOf(lineIndexes)))
    const message = messages.codeAppliedMessage(code.code, spread.amount, currency)
    accept(results[candidate.order], spread, message, applied)
  }

  checked.manual.forEach((manual, position) => {
    const result = manualResult(manual)
    results.push(result)
    const lineIndexes = manual.scope === "item" ? [lineIndexOf(ledger, manual, position)] : ledger.allLineIndexes
    const amount = Math.min(manual.amount, ledger.remainingOf(lineIndexes))
    const label = manual.name || manual.id
    if (amount === 0) {
      reject(result, "NOT_APPLICABLE", messages.manualNothingLeftMessage(label))
    } else {
      const spread = ledger.take(lineIndexes, amount)
      accept(result, spread, messages.manualAppliedMessage(label, amount, manual.amount, currency), applied)
    }
  })

  return assemble(checked.lines, ledger, results, applied, currency)
}

/** Subtotal of the code's scope before any discount; undefined when its merchant has no line. */
function scopeSubtotal(code: CheckedCode, ledger: Ledger): number | undefined {
  return code.merchant_id === null ? ledger.subtotal : ledger.bagByMerchant.get(code.merchant_id)?.subtotal
}

function refusalOf(
  code: CheckedCode,
  ledger: Ledger,
  currency: string
): { status: DiscountStatus; message: string } | null {
  if (code.eligibility) {
    const { status, message } = code.eligibility
    return { status, message: message || messages.callerStatusMessage(status, code.code) }
  }
  const subtotal = scopeSubtotal(code, ledger)
  if (subtotal === undefined) {
    return { status: "NOT_APPLICABLE", message: messages.merchantAbsentMessage(code.code, code.merchant_id as string) }
  }
  if (ledger.allLineIndexes.length === 0) {
    return { status: "NOT_APPLICABLE", message: messages.emptyCartMessage(code.code) }
  }
  if (code.min_subtotal !== null && subtotal < code.min_subtotal) {
    const { min_subtotal, merchant_id } = code
    const message = messages.minimumNotMetMessage(code.code, merchant_id, min_subtotal, subtotal, currency)
    return { status: "MIN_SUBTOTAL_NOT_MET", message }
  }
  return null
}

function codeAmount(code: CheckedCode, base: number): number {
  if (code.percentage) return percentageOfFraction(base, code.percentage)
  return Math.min(code.value, base)
}

function lineIndexOf(ledger: Ledger, manual: PricingManualInput, position: number): number {
  const index = ledger.lineIndexById.get(manual.line_id as string)
  if (index === undefined) {
    throw new PricingError(
      "LINE_NOT_FOUND",
      `manual[${position}].line_id ${String(manual.line_id)} is not a line of the session`,
      `manual[${position}].line_id`
    )
  }
  return index
}

function codeResult(code: CheckedCode): PricedDiscount {
  const base = { id: code.id, type: "CODE", code: code.code, merchant_id: code.merchant_id, name: null } as const
  return { ...base, status: "PENDING", message: "", amount_total: 0, allocations: [] }
}

function manualResult(manual: PricingManualInput): PricedDiscount {
  const base = { id: manual.id, type: "MANUAL", code: null, merchant_id: null, name: manual.name ?? null } as const
  return { ...base, status: "PENDING", message: "", amount_total: 0, allocations: [] }
}

function reject(result: PricedDiscount, status: DiscountStatus, message: string): void {
  result.status = status
  result.message = message
}

function accept(result: PricedDiscount, spread: Spread, message: string, applied: AppliedDiscount[]): void {
  result.status = "APPLIED"
  result.message = message
  result.amount_total = spread.amount
  applied.push({ result, spread })
}
