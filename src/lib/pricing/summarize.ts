import { assemble, type AppliedDiscount } from "./assemble"
import { Ledger } from "./ledger"
import type { DiscountAllocation, PricedDiscount, PricedSession, PricingLineInput } from "./types"
import { checkSessionInput } from "./validate"

/** A discount as stored after pricing: its final status and, when APPLIED, its amount on each line. */
export type StoredDiscount = Omit<PricedDiscount, "amount_total">

/**
 * The session's bags and totals from stored lines and the stored allocations
 * of its discounts: the one place a session's totals are summed (the view of
 * every route). Only APPLIED discounts reduce a total; a share on a line that
 * is gone is ignored, and no line goes below zero.
 */
export function summarizeSession(input: {
  currency_code: string
  lines: PricingLineInput[]
  discounts: StoredDiscount[]
}): PricedSession {
  const checked = checkSessionInput({ currency_code: input.currency_code, lines: input.lines })
  const ledger = new Ledger(checked.lines, checked.lineIndexById)
  const applied: AppliedDiscount[] = []
  const results = input.discounts.map((discount): PricedDiscount => {
    const result = { ...discount, amount_total: 0, allocations: [] as DiscountAllocation[] }
    if (discount.status !== "APPLIED") {
      return result
    }
    const shares = discount.allocations
      .map((share) => ({ lineIndex: ledger.lineIndexById.get(share.line_id), amount: share.amount }))
      .filter((share): share is { lineIndex: number; amount: number } => share.lineIndex !== undefined)
      .sort((left, right) => left.lineIndex - right.lineIndex)
    const spread = ledger.takeExact(shares)
    result.amount_total = spread.amount
    applied.push({ result, spread })
    return result
  })
  return assemble(checked.lines, ledger, results, applied, checked.currency_code)
}
