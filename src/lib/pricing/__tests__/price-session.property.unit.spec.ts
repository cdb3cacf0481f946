import fc from "fast-check"
import { priceSession, type PricedSession, type PriceSessionInput } from ".."
import { sessionArbitrary, withBagsReordered } from "./session-arbitrary"

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const runs = { numRuns: 300 }

function allLines(session: PricedSession) {
  return session.bags.flatMap((bag) => bag.lines)
}

/**
 * The same session with each manual amount lowered to what it may take: item-level amounts within
 * what the earlier ones left of their line, then cart-level ones within what is left of the session.
 */
function withFittingManualAmounts(input: PriceSessionInput): PriceSessionInput {
  const left = new Map(input.lines.map((line) => [line.id, line.unit_price * line.quantity]))
  let sessionLeft = sum([...left.values()])
  const fitted = new Map<number, number>()
  const manual = input.manual!
  manual.forEach((entry, index) => {
    if (entry.scope !== "item") return
    const amount = Math.min(entry.amount, left.get(entry.line_id!)!)
    left.set(entry.line_id!, left.get(entry.line_id!)! - amount)
    sessionLeft -= amount
    fitted.set(index, amount)
  })
  manual.forEach((entry, index) => {
    if (entry.scope !== "cart") return
    const amount = Math.min(entry.amount, sessionLeft)
    sessionLeft -= amount
    fitted.set(index, amount)
  })
  return {
    ...input,
    manual: manual.map((entry, index) => ({ ...entry, amount: fitted.get(index)! })).filter((entry) => entry.amount > 0),
  }
}

describe("priceSession properties", () => {
  it("allocates every discount exactly its amount, and only APPLIED discounts carry an amount", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        for (const discount of session.discounts) {
          expect(discount.message.length).toBeGreaterThan(0)
          expect(sum(discount.allocations.map((entry) => entry.amount))).toBe(discount.amount_total)
          for (const entry of discount.allocations) expect(entry.amount).toBeGreaterThan(0)
          if (discount.status !== "APPLIED") {
            expect(discount.amount_total).toBe(0)
            expect(discount.allocations).toEqual([])
          }
        }
      }),
      runs
    )
  })

  it("never makes a line, bag or session total negative", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        const byId = new Map(input.lines.map((entry) => [entry.id, entry]))
        for (const line of allLines(session)) {
          const source = byId.get(line.id)!
          expect(line.subtotal).toBe(source.unit_price * source.quantity)
          expect(line.total).toBeGreaterThanOrEqual(0)
          expect(line.discount_total).toBe(sum(line.allocations.map((entry) => entry.amount)))
          expect(line.total).toBe(line.subtotal - line.discount_total)
        }
        for (const bag of session.bags) expect(bag.total).toBeGreaterThanOrEqual(0)
        expect(session.total).toBeGreaterThanOrEqual(0)
      }),
      runs
    )
  })

  it("sums line figures into bag figures and bag figures into the session's", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        for (const bag of session.bags) {
          expect(bag.subtotal).toBe(sum(bag.lines.map((line) => line.subtotal)))
          expect(bag.discount_total).toBe(sum(bag.lines.map((line) => line.discount_total)))
          expect(bag.total).toBe(sum(bag.lines.map((line) => line.total)))
          expect(bag.total).toBe(bag.subtotal - bag.discount_total)
          expect(sum(bag.discounts.map((entry) => entry.amount))).toBe(bag.discount_total)
          const lineIds = new Set(bag.lines.map((line) => line.id))
          for (const entry of bag.discounts) {
            const discount = session.discounts.find((candidate) => candidate.id === entry.id)!
            const inBag = discount.allocations.filter((allocation) => lineIds.has(allocation.line_id))
            expect(entry.amount).toBe(sum(inBag.map((allocation) => allocation.amount)))
          }
        }
        expect(session.subtotal).toBe(sum(session.bags.map((bag) => bag.subtotal)))
        expect(session.total).toBe(sum(session.bags.map((bag) => bag.total)))
        expect(session.discount_total).toBe(sum(session.discounts.map((discount) => discount.amount_total)))
        expect(session.total).toBe(session.subtotal - session.discount_total)
      }),
      runs
    )
  })

  it("puts every line in its merchant's bag once, bags ordered by each merchant's first line", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        const firstSeen = [...new Set(input.lines.map((line) => line.merchant_id))]
        expect(session.bags.map((bag) => bag.merchant_id)).toEqual(firstSeen)
        for (const bag of session.bags) {
          const expected = input.lines.filter((line) => line.merchant_id === bag.merchant_id).map((line) => line.id)
          expect(bag.lines.map((line) => line.id)).toEqual(expected)
        }
      }),
      runs
    )
  })

  it("lets a merchant code discount only its merchant's lines and an item discount only its line", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        const merchantOf = new Map(input.lines.map((line) => [line.id, line.merchant_id]))
        input.codes!.forEach((code, index) => {
          if (code.merchant_id === null) return
          for (const entry of session.discounts[index].allocations) {
            expect(merchantOf.get(entry.line_id)).toBe(code.merchant_id)
          }
        })
        input.manual!.forEach((manual, index) => {
          if (manual.scope !== "item") return
          for (const entry of session.discounts[input.codes!.length + index].allocations) {
            expect(entry.line_id).toBe(manual.line_id)
          }
        })
      }),
      runs
    )
  })

  it("never applies two codes that conflict, and names an applied conflicting code to every NOT_COMBINABLE one", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        const codes = input.codes!
        const overlap = (a: number, b: number) =>
          codes[a].merchant_id === null || codes[b].merchant_id === null || codes[a].merchant_id === codes[b].merchant_id
        const conflict = (a: number, b: number) => overlap(a, b) && (!codes[a].combinable || !codes[b].combinable)
        const applied = codes.map((_, index) => index).filter((index) => session.discounts[index].status === "APPLIED")
        for (const a of applied) for (const b of applied) if (a !== b) expect(conflict(a, b)).toBe(false)
        codes.forEach((code, index) => {
          if (session.discounts[index].status !== "NOT_COMBINABLE") return
          const named = applied.filter((other) => session.discounts[index].message.includes(`code ${codes[other].code},`))
          expect(named).toHaveLength(1)
          expect(conflict(index, named[0])).toBe(true)
        })
      }),
      runs
    )
  })

  it("saves exactly a lone code's rate of its scope's subtotal, floored", () => {
    const lone = fc.tuple(sessionArbitrary({ maxCodes: 1, cartManual: false, itemManual: false }), fc.integer({ min: 1, max: 10000 }))
    fc.assert(
      fc.property(lone, ([input, hundredths]) => {
        fc.pre(input.codes!.length === 1 && !input.codes![0].eligibility)
        const generated = input.codes![0]
        const code = generated.value_type === "percentage" ? { ...generated, value: hundredths / 100 } : generated
        const session = priceSession({ ...input, codes: [code] })
        const scopeLines = input.lines.filter((line) => code.merchant_id === null || line.merchant_id === code.merchant_id)
        const scopeSubtotal = sum(scopeLines.map((line) => line.unit_price * line.quantity))
        const discount = session.discounts[0]
        if (scopeLines.length === 0) return expect(discount.status).toBe("NOT_APPLICABLE")
        if (code.min_subtotal != null && scopeSubtotal < code.min_subtotal) {
          return expect(discount.status).toBe("MIN_SUBTOTAL_NOT_MET")
        }
        const expected =
          code.value_type === "percentage"
            ? Number((BigInt(scopeSubtotal) * BigInt(hundredths)) / 10000n)
            : Math.min(code.value, scopeSubtotal)
        expect(discount).toMatchObject({ status: "APPLIED", amount_total: expected })
      }),
      runs
    )
  })

  it("gives every bag the same figures whatever order the bags are listed in, when no discount spans bags", () => {
    const reordering = fc.tuple(
      sessionArbitrary({ storeWide: false, cartManual: false }),
      fc.array(fc.integer(), { minLength: 4, maxLength: 4 })
    )
    fc.assert(
      fc.property(reordering, ([input, keys]) => {
        const original = priceSession(input)
        const reordered = priceSession(withBagsReordered(input, keys))
        for (const bag of original.bags) {
          expect(reordered.bags.find((candidate) => candidate.merchant_id === bag.merchant_id)).toEqual(bag)
        }
        expect(reordered.discounts).toEqual(original.discounts)
        expect(reordered.total).toBe(original.total)
      }),
      runs
    )
  })

  it("keeps every discount amount and the session figures whatever order the bags are listed in", () => {
    // Store-wide codes break remainder ties by line order, so a bag's share may move by a unit per
    // line; amounts and statuses may not. (Cart-level manual discounts: see the next property.)
    const reordering = fc.tuple(sessionArbitrary({ cartManual: false }), fc.array(fc.integer(), { minLength: 4, maxLength: 4 }))
    fc.assert(
      fc.property(reordering, ([input, keys]) => {
        const original = priceSession(input)
        const reordered = priceSession(withBagsReordered(input, keys))
        const summary = (session: PricedSession) =>
          session.discounts.map(({ id, status, message, amount_total }) => ({ id, status, message, amount_total }))
        expect(summary(reordered)).toEqual(summary(original))
        expect([reordered.subtotal, reordered.discount_total, reordered.total]).toEqual([
          original.subtotal,
          original.discount_total,
          original.total,
        ])
        const sessionWide = original.discounts.filter(
          (discount) => discount.amount_total > 0 && discount.merchant_id === null
        )
        for (const bag of original.bags) {
          const moved = reordered.bags.find((candidate) => candidate.merchant_id === bag.merchant_id)!
          expect(moved.subtotal).toBe(bag.subtotal)
          if (sessionWide.length <= 1) {
            expect(Math.abs(moved.total - bag.total)).toBeLessThanOrEqual(sessionWide.length * bag.lines.length)
          }
        }
      }),
      runs
    )
  })

  it("keeps every manual amount whatever order the bags are listed in (codes after a cart-level one may move by a unit)", () => {
    // A cart-level manual discount breaks remainder ties by line order, so what it leaves of a bag,
    // and a merchant's percentage of that, may move by a unit; the manual amounts may not.
    const reordering = fc.tuple(sessionArbitrary(), fc.array(fc.integer(), { minLength: 4, maxLength: 4 }))
    fc.assert(
      fc.property(reordering, ([input, keys]) => {
        const original = priceSession(input)
        const reordered = priceSession(withBagsReordered(input, keys))
        const manual = (session: PricedSession) =>
          session.discounts
            .filter((discount) => discount.type === "MANUAL")
            .map(({ id, status, message, amount_total }) => ({ id, status, message, amount_total }))
        expect(manual(reordered)).toEqual(manual(original))
        expect(reordered.subtotal).toBe(original.subtotal)
      }),
      runs
    )
  })

  it("never lets a code change a manual discount: manual amounts and shares are the same with or without codes", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const withCodes = priceSession(input)
        const withoutCodes = priceSession({ ...input, codes: [] })
        const manual = (session: PricedSession) => session.discounts.filter((discount) => discount.type === "MANUAL")
        expect(manual(withCodes)).toEqual(manual(withoutCodes))
        for (const line of allLines(withCodes)) expect(line.total).toBeGreaterThanOrEqual(0)
      }),
      runs
    )
  })

  it("takes every manual discount in full when the amounts fit the lines, whatever codes come after", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (generated) => {
        const input = withFittingManualAmounts(generated)
        const session = priceSession(input)
        input.manual!.forEach((manual, index) => {
          expect(session.discounts[input.codes!.length + index]).toMatchObject({ status: "APPLIED", amount_total: manual.amount })
        })
      }),
      runs
    )
  })

  it("never puts a code's share on a line that carries an applied item-level manual discount", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input) => {
        const session = priceSession(input)
        const handPriced = new Set(
          input.manual!.flatMap((manual, index) =>
            manual.scope === "item" && session.discounts[input.codes!.length + index].status === "APPLIED" ? [manual.line_id] : []
          )
        )
        session.discounts
          .filter((discount) => discount.type === "CODE")
          .forEach((discount) => discount.allocations.forEach((share) => expect(handPriced.has(share.line_id)).toBe(false)))
      }),
      runs
    )
  })

  it("is deterministic and leaves its input untouched", () => {
    fc.assert(
      fc.property(sessionArbitrary(), (input: PriceSessionInput) => {
        const copy = structuredClone(input)
        const first = priceSession(input)
        expect(input).toEqual(copy)
        expect(priceSession(copy)).toEqual(first)
      }),
      { numRuns: 100 }
    )
  })
})
