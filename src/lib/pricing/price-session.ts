import { assemble, type AppliedDiscount, type AppliedShipping } from "./assemble"
import { PricingError } from "./errors"
import { Ledger, type Spread } from "./ledger"
import * as messages from "./messages"
import { codeReach, codeSaving, takeCode, type CodeReach } from "./reach"
import { refusalOf } from "./refusals"
import { ShippingLedger, shippingAmount, shippingRefusal } from "./shipping"
import { resolveStacking, type StackingCandidate } from "./stacking"
import type { DiscountStatus, PricedDiscount, PricedSession, PriceSessionInput, PricingManualInput } from "./types"
import { checkSessionInput, type CheckedCode, type CheckedInput } from "./validate"

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
 * 3. Shipping codes (`target_type: "shipping_methods"`), on the shipping methods of the bags in
 *    their scope, in the same order as item codes; their minimum subtotal counts the scope's items
 *    after item discounts. `combinable` holds among shipping codes; they stack with item codes.
 * 4. Tax: the session's exact tax on what remains of each line and shipping method, rounded once,
 *    shared by largest remainder (`shareTax`).
 *
 * Every discount is taken from what remains of its lines (or shipping), so no line, bag or session
 * total ever goes below zero, whatever is added later.
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
  const reaches = new Map<number, CodeReach>()
  const candidates: StackingCandidate[] = []
  checked.codes.forEach((code, order) => {
    const result = codeResult(code)
    codeResults.push(result)
    if (code.target_type === "shipping_methods") return
    const reach = codeReach(code, checked.lines, scopeLineIndexes(code, ledger), handPricedLines)
    reaches.set(order, reach)
    const refusal = refusalOf(code, ledger, reach, currency)
    if (refusal) {
      reject(result, refusal.status, refusal.message)
    } else {
      const { merchant_id, combinable, priority } = code
      candidates.push({ order, merchant_id, combinable, priority, saving: codeSaving(code, ledger, reach) })
    }
  })

  for (const candidate of stack(candidates, checked, codeResults)) {
    const code = checked.codes[candidate.order]
    const reach = reaches.get(candidate.order) as CodeReach
    const spread = takeCode(code, ledger, reach)
    const skipped = reach.discountable.length < reach.targetLines.length
    const message = messages.codeAppliedMessage(code.code, spread.amount, currency, skipped)
    accept(codeResults[candidate.order], spread, message, applied)
  }

  const shipping = new ShippingLedger(ledger, checked.shippingMethods)
  const appliedShipping = applyShippingCodes(checked, ledger, shipping, codeResults)
  return assemble(checked, ledger, shipping, [...codeResults, ...manualResults], applied, appliedShipping)
}

/** Shipping codes after every item discount: refused, stacked among themselves, then taken in order. */
function applyShippingCodes(
  checked: CheckedInput,
  ledger: Ledger,
  shipping: ShippingLedger,
  codeResults: PricedDiscount[]
): AppliedShipping[] {
  const currency = checked.currency_code
  const candidates: StackingCandidate[] = []
  checked.codes.forEach((code, order) => {
    if (code.target_type !== "shipping_methods") return
    const refusal = shippingRefusal(code, ledger, shipping, currency)
    if (refusal) return reject(codeResults[order], refusal.status, refusal.message)
    const saving = shippingAmount(code, shipping, shipping.bagsWithMethod(code.merchant_id, ledger))
    candidates.push({ order, merchant_id: code.merchant_id, combinable: code.combinable, priority: code.priority, saving })
  })
  return stack(candidates, checked, codeResults).map((candidate) => {
    const code = checked.codes[candidate.order]
    const bagIndexes = shipping.bagsWithMethod(code.merchant_id, ledger)
    const spread = shipping.take(bagIndexes, shippingAmount(code, shipping, bagIndexes))
    const result = codeResults[candidate.order]
    result.status = "APPLIED"
    result.message = messages.shippingAppliedMessage(code.code, spread.amount, currency)
    result.amount_total = spread.amount
    return { result, spread }
  })
}

/**
 * Resolves which candidates apply together (`resolveStacking`), rejects the others as NOT_COMBINABLE, and
 * returns the accepted ones in the order they apply: merchant codes first, then by priority, then applied order.
 */
function stack(candidates: StackingCandidate[], checked: CheckedInput, codeResults: PricedDiscount[]): StackingCandidate[] {
  const outcomes = resolveStacking(candidates)
  for (const [order, outcome] of outcomes) {
    if (outcome.accepted) continue
    const loser = checked.codes[order].code
    const winner = checked.codes[outcome.winner].code
    reject(codeResults[order], "NOT_COMBINABLE", messages.notCombinableMessage(loser, winner, outcome.reason))
  }
  const accepted = candidates.filter((candidate) => outcomes.get(candidate.order)?.accepted)
  return accepted.sort(
    (left, right) =>
      Number(left.merchant_id === null) - Number(right.merchant_id === null) ||
      right.priority - left.priority ||
      left.order - right.order
  )
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
  return { ...base, target_type: code.target_type, ...pending() }
}

function manualResult(manual: PricingManualInput): PricedDiscount {
  const base = { id: manual.id, type: "MANUAL", code: null, merchant_id: null, name: manual.name ?? null } as const
  return { ...base, target_type: "items", ...pending() }
}

type Outcome = Pick<PricedDiscount, "status" | "message" | "amount_total" | "allocations" | "shipping_allocations">

function pending(): Outcome {
  return { status: "PENDING", message: "", amount_total: 0, allocations: [], shipping_allocations: [] }
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
