import { assemble, type AppliedDiscount } from "./assemble"
import { PricingError } from "./errors"
import { Ledger, type Spread } from "./ledger"
import * as messages from "./messages"
import { codeReach, codeSaving, takeCode, type CodeReach } from "./reach"
import { refusalOf } from "./refusals"
import { resolveStacking, type StackingCandidate } from "./stacking"
import type { DiscountStatus, PricedDiscount, PricedSession, PriceSessionInput, PricingManualInput } from "./types"
import { checkSessionInput, type CheckedCode } from "./validate"

/**
 * Prices a cart session: one bag per merchant, manual discounts then codes, all in minor units.
 *
 * Order of application:
 * 1. Manual discounts, which staff set as amounts: item-level ones on their line, then cart-level
 *    ones shared over every line by what remains of it, each group in input order. Each takes at
 *    most what remains, so it is never capped by a code (a code comes after it).
 * 2. Codes, on what the manual discounts left: merchant codes on their own bag first, then
 *    store-wide codes on what remains of the whole session, each group by priority (higher first)
 *    then applied order. A code discounts the lines of its scope its target rules matched
 *    (`target_line_ids`, every line of its scope without them): shared across them, or on some of
 *    their units (`each`, `once`, buy X get Y; see `codeReach`). It skips every line that carries an
 *    item-level manual discount (staff already set that line's price by hand); a code with no line
 *    left to discount is NOT_APPLICABLE (`refusalOf` says why). A code's minimum subtotal is measured
 *    on its scope's target lines before any discount. Which codes apply together is decided
 *    beforehand by `resolveStacking`, on what each would save alone at this point.
 *
 * Every discount is taken from what remains of its lines, so no line, bag or session total ever
 * goes below zero, whatever is added later.
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
  const applied: AppliedDiscount[] = []

  const manualResults = checked.manual.map(manualResult)
  const itemFirst = checked.manual
    .map((manual, position) => ({ manual, position }))
    .sort((left, right) => Number(left.manual.scope === "cart") - Number(right.manual.scope === "cart"))
  const handPricedLines = new Set<number>()
  for (const { manual, position } of itemFirst) {
    const result = manualResults[position]
    const lineIndexes = manual.scope === "item" ? [lineIndexOf(ledger, manual, position)] : ledger.allLineIndexes
    const amount = Math.min(manual.amount, ledger.remainingOf(lineIndexes))
    const label = manual.name || manual.id
    if (amount === 0) {
      reject(result, "NOT_APPLICABLE", messages.manualNothingLeftMessage(label))
      continue
    }
    if (manual.scope === "item") handPricedLines.add(lineIndexes[0])
    const spread = ledger.take(lineIndexes, amount)
    accept(result, spread, messages.manualAppliedMessage(label, amount, manual.amount, currency), applied)
  }

  const codeResults: PricedDiscount[] = []
  const reaches: CodeReach[] = []
  const candidates: StackingCandidate[] = []
  checked.codes.forEach((code, order) => {
    const result = codeResult(code)
    codeResults.push(result)
    const reach = codeReach(code, checked.lines, scopeLineIndexes(code, ledger), handPricedLines)
    reaches.push(reach)
    const refusal = refusalOf(code, ledger, reach, currency)
    if (refusal) {
      reject(result, refusal.status, refusal.message)
    } else {
      const { merchant_id, combinable, priority } = code
      candidates.push({ order, merchant_id, combinable, priority, saving: codeSaving(code, ledger, reach) })
    }
  })

  const outcomes = resolveStacking(candidates)
  for (const [order, outcome] of outcomes) {
    if (outcome.accepted) continue
    const loser = checked.codes[order].code
    const winner = checked.codes[outcome.winner].code
    reject(codeResults[order], "NOT_COMBINABLE", messages.notCombinableMessage(loser, winner, outcome.reason))
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
    const reach = reaches[candidate.order]
    const spread = takeCode(code, ledger, reach)
    const skipped = reach.discountable.length < reach.targetLines.length
    const message = messages.codeAppliedMessage(code.code, spread.amount, currency, skipped)
    accept(codeResults[candidate.order], spread, message, applied)
  }

  return assemble(checked.lines, ledger, [...codeResults, ...manualResults], applied, currency)
}

/** The lines a code covers: its merchant's bag, or every line when store-wide (none when its merchant has none). */
function scopeLineIndexes(code: CheckedCode, ledger: Ledger): number[] {
  if (code.merchant_id === null) return ledger.allLineIndexes
  return ledger.bagByMerchant.get(code.merchant_id)?.lineIndexes ?? []
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
