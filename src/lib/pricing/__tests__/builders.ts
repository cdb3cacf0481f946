import type { PricedSession, PricingCodeInput, PricingLineInput, PricingManualInput } from ".."

export function line(id: string, merchant_id: string, unit_price: number, quantity = 1): PricingLineInput {
  return { id, merchant_id, unit_price, quantity }
}

export function percentCode(code: string, value: number, extra: Partial<PricingCodeInput> = {}): PricingCodeInput {
  return { id: `d_${code}`, code, merchant_id: null, value_type: "percentage", value, combinable: true, priority: 0, ...extra }
}

export function fixedCode(code: string, value: number, extra: Partial<PricingCodeInput> = {}): PricingCodeInput {
  return { id: `d_${code}`, code, merchant_id: null, value_type: "fixed", value, combinable: true, priority: 0, ...extra }
}

export function cartManual(id: string, amount: number, name?: string): PricingManualInput {
  return { id, scope: "cart", amount, name }
}

export function itemManual(id: string, line_id: string, amount: number): PricingManualInput {
  return { id, scope: "item", line_id, amount }
}

export function discountOf(session: PricedSession, id: string) {
  const found = session.discounts.find((discount) => discount.id === id)
  if (!found) throw new Error(`no discount ${id}`)
  return found
}

export function bagOf(session: PricedSession, merchantId: string) {
  const found = session.bags.find((bag) => bag.merchant_id === merchantId)
  if (!found) throw new Error(`no bag ${merchantId}`)
  return found
}

export function lineOf(session: PricedSession, lineId: string) {
  for (const bag of session.bags) {
    const found = bag.lines.find((candidate) => candidate.id === lineId)
    if (found) return found
  }
  throw new Error(`no line ${lineId}`)
}

export function discountsOnLine(session: PricedSession, lineId: string): Record<string, number> {
  return Object.fromEntries(lineOf(session, lineId).allocations.map((entry) => [entry.discount_id, entry.amount]))
}
