import fc from "fast-check"
import { priceSession, summarizeSession, type PricedSession } from ".."
import { sessionArbitrary } from "./session-arbitrary"

/** The same session whatever order discounts were applied in (a summary applies them in stored order). */
function inDiscountOrder(session: PricedSession): PricedSession {
  const byId = <T extends { discount_id?: string; id?: string }>(left: T, right: T) =>
    String(left.discount_id ?? left.id).localeCompare(String(right.discount_id ?? right.id))
  return {
    ...session,
    bags: session.bags.map((bag) => ({
      ...bag,
      discounts: [...bag.discounts].sort(byId),
      lines: bag.lines.map((line) => ({ ...line, allocations: [...line.allocations].sort(byId) })),
    })),
  }
}

describe("summarizeSession", () => {
  it("gives back the bags, lines and totals priceSession gave, from the stored allocations alone", () => {
    fc.assert(
      fc.property(sessionArbitrary({ storeWide: true, cartManual: true, itemManual: true }), (input) => {
        const priced = priceSession(input)
        const stored = priced.discounts.map(({ amount_total, ...discount }) => discount)
        const summary = summarizeSession({ currency_code: input.currency_code, lines: input.lines, discounts: stored })
        expect(inDiscountOrder(summary)).toEqual(inDiscountOrder(priced))
      }),
      { numRuns: 300 }
    )
  })

  it("counts only APPLIED discounts, ignores shares of lines that are gone, and takes no line below zero", () => {
    const lines = [
      { id: "a", merchant_id: "acme", unit_price: 1000, quantity: 1 },
      { id: "b", merchant_id: "globex", unit_price: 500, quantity: 1 },
    ]
    const discount = (id: string, status: "APPLIED" | "PENDING", allocations: { line_id: string; amount: number }[]) => ({
      id, type: "CODE" as const, code: id, merchant_id: null, name: null, status, message: "", allocations,
    })
    const summary = summarizeSession({
      currency_code: "usd",
      lines,
      discounts: [
        discount("BIG", "APPLIED", [{ line_id: "a", amount: 900 }, { line_id: "gone", amount: 50 }]),
        discount("MORE", "APPLIED", [{ line_id: "a", amount: 300 }]),
        discount("WAIT", "PENDING", [{ line_id: "b", amount: 100 }]),
      ],
    })
    expect(summary).toMatchObject({ subtotal: 1500, discount_total: 1000, total: 500 })
    expect(summary.discounts.map((entry) => [entry.code, entry.amount_total])).toEqual([["BIG", 900], ["MORE", 100], ["WAIT", 0]])
    expect(summary.bags[0].lines[0]).toMatchObject({ subtotal: 1000, discount_total: 1000, total: 0 })
  })

  it("ignores a stored shipping method and shipping shares of a merchant whose lines are gone, and recomputes the tax", () => {
    const summary = summarizeSession({
      currency_code: "USD",
      lines: [{ id: "a", merchant_id: "acme", unit_price: 3411, quantity: 1, tax_rates: [10] }],
      shipping_methods: [
        { merchant_id: "acme", option_id: "so_a", name: "Standard", amount: 500 },
        { merchant_id: "gone", option_id: "so_g", name: "Standard", amount: 700 },
      ],
      discounts: [
        {
          id: "FREE", type: "CODE", code: "FREE", merchant_id: null, name: null, status: "APPLIED", message: "",
          target_type: "shipping_methods", allocations: [],
          shipping_allocations: [{ merchant_id: "acme", amount: 500 }, { merchant_id: "gone", amount: 700 }],
        },
      ],
    })
    expect(summary).toMatchObject({ shipping_total: 500, shipping_discount_total: 500, tax_total: 341, total: 3752 })
    expect(summary.discounts[0]).toMatchObject({ amount_total: 500, shipping_allocations: [{ merchant_id: "acme", amount: 500 }] })
  })
})
