import fc from "fast-check"
import { priceSession, summarizeSession, type PricedSession, type PriceSessionInput } from ".."
import { shippedSessionArbitrary } from "./shipping-arbitrary"

const runs = { numRuns: 300 }
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

type Taxed = { amount: number; rates: readonly number[]; inclusive: boolean; share: number }

/** Every line and shipping method with what it is taxed on and its share of the tax, in the core's order. */
function taxedItems(input: PriceSessionInput, session: PricedSession): Taxed[] {
  const linesById = new Map(session.bags.flatMap((bag) => bag.lines).map((line) => [line.id, line]))
  const lines = input.lines.map((source) => {
    const priced = linesById.get(source.id)!
    return { amount: priced.total, rates: source.tax_rates ?? [], inclusive: source.is_tax_inclusive === true, share: priced.tax_total }
  })
  const methods = session.bags.flatMap((bag) => {
    const source = input.shipping_methods!.find((method) => method.merchant_id === bag.merchant_id)
    if (!source) return []
    const amount = bag.shipping_total - bag.shipping_discount_total
    return [{ amount, rates: source.tax_rates ?? [], inclusive: source.is_tax_inclusive === true, share: bag.shipping_tax_total }]
  })
  return [...lines, ...methods]
}

/** The exact tax of an item as a fraction, with rates read in thousandths of a percent. */
function exactTax(item: Taxed): { numerator: bigint; denominator: bigint } {
  const thousandths = BigInt(sum(item.rates.map((rate) => Math.round(rate * 1000))))
  const denominator = item.inclusive ? 100000n + thousandths : 100000n
  return { numerator: BigInt(item.amount) * thousandths, denominator }
}

describe("priceSession properties with shipping and tax", () => {
  it("sums lines into bags and bags into the session, and each bag's total is its figures added up", () => {
    fc.assert(
      fc.property(shippedSessionArbitrary(), (input) => {
        const session = priceSession(input)
        const keys = [
          "subtotal", "discount_total", "shipping_total", "shipping_discount_total",
          "tax_total", "item_tax_total", "shipping_tax_total", "total",
        ] as const
        for (const key of keys) expect(session[key]).toBe(sum(session.bags.map((bag) => bag[key])))
        const items = taxedItems(input, session)
        for (const bag of session.bags) {
          expect(bag.item_tax_total).toBe(sum(bag.lines.map((line) => line.tax_total)))
          expect(bag.tax_total).toBe(bag.item_tax_total + bag.shipping_tax_total)
          const method = input.shipping_methods!.find((entry) => entry.merchant_id === bag.merchant_id)
          expect(bag.shipping_total).toBe(method?.amount ?? 0)
          const inclusiveLines = input.lines.filter((line) => line.merchant_id === bag.merchant_id && line.is_tax_inclusive)
          const taxInside =
            sum(bag.lines.filter((line) => inclusiveLines.some((source) => source.id === line.id)).map((line) => line.tax_total)) +
            (method?.is_tax_inclusive ? bag.shipping_tax_total : 0)
          const net = bag.subtotal - bag.discount_total + bag.shipping_total - bag.shipping_discount_total
          expect(bag.total).toBe(net + bag.tax_total - taxInside)
        }
        expect(sum(items.map((item) => item.share))).toBe(session.tax_total)
      }),
      runs
    )
  })

  it("charges the session's exact tax rounded once, half away from zero, each share within a unit of its exact tax", () => {
    fc.assert(
      fc.property(shippedSessionArbitrary(), (input) => {
        const session = priceSession(input)
        const items = taxedItems(input, session)
        let numerator = 0n
        let denominator = 1n
        for (const item of items) {
          const tax = exactTax(item)
          numerator = numerator * tax.denominator + tax.numerator * denominator
          denominator *= tax.denominator
          const gap = BigInt(item.share) * tax.denominator - tax.numerator
          expect(gap < tax.denominator && gap > -tax.denominator).toBe(true)
        }
        expect(BigInt(session.tax_total)).toBe((2n * numerator + denominator) / (2n * denominator))
      }),
      runs
    )
  })

  it("makes no total negative and no shipping discount more than the shipping", () => {
    fc.assert(
      fc.property(shippedSessionArbitrary(), (input) => {
        const session = priceSession(input)
        for (const bag of session.bags) {
          expect(bag.shipping_discount_total).toBeGreaterThanOrEqual(0)
          expect(bag.shipping_discount_total).toBeLessThanOrEqual(bag.shipping_total)
          expect(bag.shipping_discount_total).toBe(sum(bag.shipping_discounts.map((discount) => discount.amount)))
          for (const value of [bag.total, bag.tax_total, bag.shipping_tax_total]) expect(value).toBeGreaterThanOrEqual(0)
          for (const line of bag.lines) expect(Math.min(line.total, line.tax_total)).toBeGreaterThanOrEqual(0)
        }
        for (const discount of session.discounts) {
          const shares = sum(discount.allocations.map((entry) => entry.amount)) + sum(discount.shipping_allocations.map((entry) => entry.amount))
          expect(shares).toBe(discount.amount_total)
          if (discount.target_type === "shipping_methods") expect(discount.allocations).toEqual([])
          if (discount.target_type === "shipping_methods" && discount.merchant_id !== null) {
            for (const share of discount.shipping_allocations) expect(share.merchant_id).toBe(discount.merchant_id)
          }
        }
        expect(session.total).toBeGreaterThanOrEqual(0)
      }),
      runs
    )
  })

  it("leaves every item discount and line total as it is without shipping, shipping codes or tax", () => {
    fc.assert(
      fc.property(shippedSessionArbitrary(), (input) => {
        const session = priceSession(input)
        const bare = priceSession({
          currency_code: input.currency_code,
          lines: input.lines.map(({ tax_rates, is_tax_inclusive, ...line }) => line),
          codes: input.codes!.filter((code) => code.target_type !== "shipping_methods"),
          manual: input.manual,
        })
        const items = (priced: PricedSession) => priced.discounts.filter((discount) => discount.target_type === "items")
        expect(items(session)).toEqual(items(bare))
        expect([session.subtotal, session.discount_total]).toEqual([bare.subtotal, bare.discount_total])
        expect(session.bags.map((bag) => bag.discounts)).toEqual(bare.bags.map((bag) => bag.discounts))
      }),
      runs
    )
  })

  it("gives back the same session from the stored allocations, shipping methods and rates (summarizeSession)", () => {
    fc.assert(
      fc.property(shippedSessionArbitrary(), (input) => {
        const priced = priceSession(input)
        const stored = priced.discounts.map(({ amount_total, ...discount }) => discount)
        const { currency_code, lines, shipping_methods } = input
        const summary = summarizeSession({ currency_code, lines, shipping_methods, discounts: stored })
        const figures = (session: PricedSession) => ({
          ...session,
          discounts: session.discounts.map(({ id, amount_total, allocations, shipping_allocations }) => ({ id, amount_total, allocations, shipping_allocations })),
          bags: session.bags.map(({ discounts, shipping_discounts, lines: bagLines, ...bag }) => ({
            ...bag,
            lines: bagLines.map(({ allocations, ...line }) => line),
          })),
        })
        expect(figures(summary)).toEqual(figures(priced))
      }),
      runs
    )
  })
})
