import fc from "fast-check"
import { priceSession, type PricedSession, type PriceSessionInput, type PricingCodeInput } from ".."
import { planBuyGet } from "../buy-get"
import { reachSessionArbitrary, targetLinesOf } from "./reach-arbitrary"
import { sessionArbitrary } from "./session-arbitrary"

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const runs = { numRuns: 250 }

function sharesOn(session: PricedSession, index: number): Map<string, number> {
  return new Map(session.discounts[index].allocations.map((entry) => [entry.line_id, entry.amount]))
}

/** Lines carrying an applied item-level manual discount: no code may discount them. */
function handPriced(input: PriceSessionInput, session: PricedSession): Set<string> {
  const offset = input.codes!.length
  return new Set(
    input.manual!.flatMap((manual, index) =>
      manual.scope === "item" && session.discounts[offset + index].status === "APPLIED" ? [manual.line_id!] : []
    )
  )
}

describe("priceSession properties with target lines, each, once and buy X get Y", () => {
  it("allocates every discount exactly its amount, and leaves no line, bag or session negative", () => {
    fc.assert(
      fc.property(reachSessionArbitrary(), (input) => {
        const session = priceSession(input)
        for (const discount of session.discounts) {
          expect(sum(discount.allocations.map((entry) => entry.amount))).toBe(discount.amount_total)
          for (const entry of discount.allocations) expect(entry.amount).toBeGreaterThan(0)
          if (discount.status !== "APPLIED") expect(discount.amount_total).toBe(0)
          expect(discount.message.length).toBeGreaterThan(0)
        }
        for (const bag of session.bags) {
          for (const line of bag.lines) expect(line.total).toBeGreaterThanOrEqual(0)
          expect(bag.total).toBe(sum(bag.lines.map((line) => line.total)))
        }
        expect(session.total).toBe(session.subtotal - session.discount_total)
        expect(session.discount_total).toBe(sum(session.discounts.map((discount) => discount.amount_total)))
      }),
      runs
    )
  })

  it("discounts only the target lines of a code's scope, never more than they are worth", () => {
    fc.assert(
      fc.property(reachSessionArbitrary(), (input) => {
        const session = priceSession(input)
        const manualLines = handPriced(input, session)
        input.codes!.forEach((code, index) => {
          const targets = targetLinesOf(input, code).filter((line) => !manualLines.has(line.id))
          const allowed = new Set(targets.map((line) => line.id))
          for (const entry of session.discounts[index].allocations) expect(allowed.has(entry.line_id)).toBe(true)
          expect(session.discounts[index].amount_total).toBeLessThanOrEqual(sum(targets.map((line) => line.unit_price * line.quantity)))
        })
      }),
      runs
    )
  })

  it("discounts at most max_quantity units of each line under each, and in all under once", () => {
    fc.assert(
      fc.property(reachSessionArbitrary(), (input) => {
        const session = priceSession(input)
        input.codes!.forEach((code, index) => {
          const shares = sharesOn(session, index)
          const most = code.max_quantity!
          if (code.allocation === "each") {
            for (const line of input.lines) {
              expect(shares.get(line.id) ?? 0).toBeLessThanOrEqual(Math.min(line.quantity, most) * line.unit_price)
            }
          }
          if (code.allocation === "once") {
            const dearest = targetLinesOf(input, code)
              .flatMap((line) => new Array<number>(line.quantity).fill(line.unit_price))
              .sort((a, b) => b - a)
              .slice(0, most)
            expect(session.discounts[index].amount_total).toBeLessThanOrEqual(sum(dearest))
          }
        })
      }),
      runs
    )
  })

  it("buy X get Y never discounts a unit counted as bought, and buys X units for every Y discounted", () => {
    fc.assert(
      fc.property(reachSessionArbitrary(), (input) => {
        const session = priceSession(input)
        const manualLines = handPriced(input, session)
        const position = new Map(input.lines.map((line, index) => [line.id, index]))
        input.codes!.forEach((code, index) => {
          if (!code.buy_get || code.eligibility || session.discounts[index].status !== "APPLIED") return
          const scope = targetLinesOf(input, { ...code, target_line_ids: null })
          const targets = targetLinesOf(input, code).filter((line) => !manualLines.has(line.id))
          const buys = new Set(code.buy_get.buy_line_ids)
          const plan = planBuyGet(
            input.lines,
            targets.map((line) => position.get(line.id)!),
            scope.filter((line) => buys.has(line.id)).map((line) => position.get(line.id)!),
            { ...code.buy_get, max_quantity: code.max_quantity! }
          )
          const discounted = new Map(plan.discounted.map((share) => [share.lineIndex, share.units]))
          const bought = new Map(plan.bought.map((share) => [share.lineIndex, share.units]))
          input.lines.forEach((line, lineIndex) => {
            expect((discounted.get(lineIndex) ?? 0) + (bought.get(lineIndex) ?? 0)).toBeLessThanOrEqual(line.quantity)
            const share = sharesOn(session, index).get(line.id) ?? 0
            expect(share).toBeLessThanOrEqual((discounted.get(lineIndex) ?? 0) * line.unit_price)
          })
          const units = sum([...discounted.values()])
          expect(units).toBeLessThanOrEqual(code.max_quantity!)
          expect(sum([...bought.values()])).toBe(code.buy_get.buy_min_quantity * Math.ceil(units / code.buy_get.apply_to_quantity))
        })
      }),
      { numRuns: 800 } // few generated sessions buy enough, so look at more of them
    )
  })

  it("prices a code naming every line of its scope as targets as one without target rules", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const named = input.codes!.map((code): PricingCodeInput => ({
          ...code,
          target_line_ids: targetLinesOf(input, code).map((line) => line.id),
        }))
        fc.pre(named.every((code) => code.target_line_ids!.length > 0))
        // Only the words of a missed minimum differ: it then names the lines it counts.
        const unworded = (session: PricedSession) => ({
          ...session,
          discounts: session.discounts.map((entry) => (entry.status === "MIN_SUBTOTAL_NOT_MET" ? { ...entry, message: "" } : entry)),
        })
        expect(unworded(priceSession({ ...input, codes: named }))).toEqual(unworded(priceSession(input)))
      }),
      runs
    )
  })

  it("prices a percentage under each or once with room for every unit as across", () => {
    fc.assert(
      fc.property(sessionArbitrary(), fc.constantFrom("each" as const, "once" as const), (input, allocation) => {
        const percentages = input.codes!.filter((code) => code.value_type === "percentage")
        const counted = percentages.map((code) => ({ ...code, allocation, max_quantity: 1000 }))
        expect(priceSession({ ...input, codes: counted })).toEqual(priceSession({ ...input, codes: percentages }))
      }),
      runs
    )
  })
})
