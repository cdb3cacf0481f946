import { assemble, type AppliedDiscount, type AppliedShipping } from "./assemble"
import { Ledger } from "./ledger"
import { ShippingLedger } from "./shipping"
import type {
  CodeTargetType,
  PricedDiscount,
  PricedSession,
  PricingLineInput,
  PricingShippingMethodInput,
  ShippingAllocation,
} from "./types"
import { checkSessionInput } from "./validate"

/**
 * A discount as stored after pricing: its final status and, when APPLIED, its amount on each line (a shipping
 * code's on each bag's shipping). `target_type` is `items` and `shipping_allocations` empty when absent.
 */
export type StoredDiscount = Omit<PricedDiscount, "amount_total" | "target_type" | "shipping_allocations"> & {
  target_type?: CodeTargetType | null
  shipping_allocations?: ShippingAllocation[] | null
}

/**
 * The session's bags and totals from stored lines, shipping methods and the stored allocations of its
 * discounts: the one place a session's totals are summed (the view of every route). Only APPLIED discounts
 * reduce a total; a share on a line (or a bag's shipping) that is gone is ignored, as is a shipping method of a
 * merchant with no line left, and nothing goes below zero. The tax is worked out again from the lines' and
 * methods' stored rates on what remains of them, as `priceSession` does, so it is the same to the minor unit.
 */
export function summarizeSession(input: {
  currency_code: string
  lines: PricingLineInput[]
  shipping_methods?: PricingShippingMethodInput[] | null
  discounts: StoredDiscount[]
}): PricedSession {
  const { currency_code, lines, shipping_methods } = input
  const checked = checkSessionInput({ currency_code, lines, shipping_methods }, { summary: true })
  const ledger = new Ledger(checked.lines, checked.lineIndexById)
  const shipping = new ShippingLedger(ledger, checked.shippingMethods)
  const applied: AppliedDiscount[] = []
  const appliedShipping: AppliedShipping[] = []
  const results = input.discounts.map((discount): PricedDiscount => {
    const result: PricedDiscount = {
      ...discount,
      target_type: discount.target_type ?? "items",
      amount_total: 0,
      allocations: [],
      shipping_allocations: [],
    }
    if (discount.status !== "APPLIED") {
      return result
    }
    const spread = ledger.takeExact(linesShares(ledger, discount))
    const shippingSpread = shipping.takeExact(shippingShares(ledger, discount))
    result.amount_total = spread.amount + shippingSpread.amount
    applied.push({ result, spread })
    appliedShipping.push({ result, spread: shippingSpread })
    return result
  })
  return assemble(checked, ledger, shipping, results, applied, appliedShipping)
}

function linesShares(ledger: Ledger, discount: StoredDiscount) {
  return discount.allocations
    .map((share) => ({ lineIndex: ledger.lineIndexById.get(share.line_id), amount: share.amount }))
    .filter((share): share is { lineIndex: number; amount: number } => share.lineIndex !== undefined)
    .sort((left, right) => left.lineIndex - right.lineIndex)
}

function shippingShares(ledger: Ledger, discount: StoredDiscount) {
  return (discount.shipping_allocations ?? [])
    .map((share) => ({ bagIndex: ledger.bagByMerchant.get(share.merchant_id)?.position, amount: share.amount }))
    .filter((share): share is { bagIndex: number; amount: number } => share.bagIndex !== undefined)
    .sort((left, right) => left.bagIndex - right.bagIndex)
}
