import fc from "fast-check"
import { planBuyGet, type BuyGetTerms } from "../buy-get"

const unit = (unit_price: number, quantity = 1) => ({ unit_price, quantity })
const terms = (buy_min_quantity: number, apply_to_quantity: number, max_quantity: number) => ({
  buy_min_quantity,
  apply_to_quantity,
  max_quantity,
})

describe("planBuyGet", () => {
  it("counts X units as bought for every Y discounted, up to max_quantity", () => {
    const lines = [unit(2000, 3), unit(1500, 2)] // shirts, caps
    expect(planBuyGet(lines, [1], [0], terms(2, 1, 1))).toEqual({
      discounted: [{ lineIndex: 1, units: 1 }],
      bought: [{ lineIndex: 0, units: 2 }],
    })
    const moreShirts = [unit(2000, 4), unit(1500, 2)]
    expect(planBuyGet(moreShirts, [1], [0], terms(2, 1, 2))).toEqual({
      discounted: [{ lineIndex: 1, units: 2 }],
      bought: [{ lineIndex: 0, units: 4 }],
    })
  })

  it("discounts nothing when too few units can be bought", () => {
    expect(planBuyGet([unit(2000, 1), unit(1500, 2)], [1], [0], terms(2, 1, 1))).toEqual({ discounted: [], bought: [] })
  })

  it("buys the units that cannot be discounted first: buy 2 of {A, B, C}, get 1 A", () => {
    const lines = [unit(3000), unit(2000), unit(1000)] // A, B, C
    expect(planBuyGet(lines, [0], [0, 1, 2], terms(2, 1, 1))).toEqual({
      discounted: [{ lineIndex: 0, units: 1 }],
      bought: [{ lineIndex: 1, units: 1 }, { lineIndex: 2, units: 1 }],
    })
  })

  it("discounts the cheapest units it can while keeping enough to buy", () => {
    // A (5.00) can be bought or discounted, C (10.00) only discounted, B (20.00) only bought.
    const lines = [unit(500), unit(1000), unit(2000)]
    expect(planBuyGet(lines, [0, 1], [0, 2], terms(2, 1, 5))).toEqual({
      discounted: [{ lineIndex: 1, units: 1 }],
      bought: [{ lineIndex: 0, units: 1 }, { lineIndex: 2, units: 1 }],
    })
  })

  it("splits one product between bought and discounted units: buy 1 get 1, the cheaper units free", () => {
    const lines = [unit(3000), unit(1000), unit(2000, 2)]
    expect(planBuyGet(lines, [0, 1, 2], [0, 1, 2], terms(1, 1, 10))).toEqual({
      discounted: [{ lineIndex: 1, units: 1 }, { lineIndex: 2, units: 1 }],
      bought: [{ lineIndex: 0, units: 1 }, { lineIndex: 2, units: 1 }],
    })
  })

  it("discounts a last partial round: buy 2 get 2 with one unit to get", () => {
    expect(planBuyGet([unit(2000, 2), unit(1500)], [1], [0], terms(2, 2, 4))).toEqual({
      discounted: [{ lineIndex: 1, units: 1 }],
      bought: [{ lineIndex: 0, units: 2 }],
    })
  })

  it("breaks price ties toward the earlier line", () => {
    const lines = [unit(1000, 2), unit(1000, 2), unit(5000, 3)]
    expect(planBuyGet(lines, [0, 1], [2], terms(1, 1, 3)).discounted).toEqual([
      { lineIndex: 0, units: 2 },
      { lineIndex: 1, units: 1 },
    ])
  })
})

type SmallLine = { unit_price: number; quantity: number; target: boolean; buy: boolean }

/** Every way to mark each unit bought, discounted or neither: the most units discounted, then the least price. */
function bruteForce(lines: SmallLine[], terms: BuyGetTerms): { units: number; price: number } {
  const units = lines.flatMap((line) => new Array<SmallLine>(line.quantity).fill(line))
  let best = { units: 0, price: 0 }
  const visit = (position: number, discounted: number, bought: number, price: number) => {
    if (position === units.length) {
      const enough = bought >= terms.buy_min_quantity * Math.ceil(discounted / terms.apply_to_quantity)
      if (!enough || discounted > terms.max_quantity) return
      if (discounted > best.units || (discounted === best.units && price < best.price)) best = { units: discounted, price }
      return
    }
    const unit = units[position]
    visit(position + 1, discounted, bought, price)
    if (unit.buy) visit(position + 1, discounted, bought + 1, price)
    if (unit.target) visit(position + 1, discounted + 1, bought, price + unit.unit_price)
  }
  visit(0, 0, 0, 0)
  return best
}

describe("planBuyGet properties", () => {
  const smallLine = fc.record({
    unit_price: fc.integer({ min: 0, max: 50 }),
    quantity: fc.integer({ min: 1, max: 2 }),
    target: fc.boolean(),
    buy: fc.boolean(),
  })
  const smallTerms = fc.record({
    buy_min_quantity: fc.integer({ min: 1, max: 3 }),
    apply_to_quantity: fc.integer({ min: 1, max: 3 }),
    max_quantity: fc.integer({ min: 1, max: 5 }),
  })

  it("discounts the most units the terms allow, the cheapest such, never a bought unit", () => {
    fc.assert(
      fc.property(fc.array(smallLine, { maxLength: 4 }), smallTerms, (lines, terms) => {
        const indexes = lines.map((_, index) => index)
        const plan = planBuyGet(lines, indexes.filter((i) => lines[i].target), indexes.filter((i) => lines[i].buy), terms)
        const discounted = new Map(plan.discounted.map((share) => [share.lineIndex, share.units]))
        const bought = new Map(plan.bought.map((share) => [share.lineIndex, share.units]))
        lines.forEach((line, index) => {
          const [get, buy] = [discounted.get(index) ?? 0, bought.get(index) ?? 0]
          expect(get + buy).toBeLessThanOrEqual(line.quantity)
          if (get > 0) expect(line.target).toBe(true)
          if (buy > 0) expect(line.buy).toBe(true)
        })
        const units = [...discounted.values()].reduce((a, b) => a + b, 0)
        const price = plan.discounted.reduce((total, share) => total + share.units * lines[share.lineIndex].unit_price, 0)
        expect({ units, price }).toEqual(bruteForce(lines, terms))
        const boughtUnits = [...bought.values()].reduce((a, b) => a + b, 0)
        expect(boughtUnits).toBe(terms.buy_min_quantity * Math.ceil(units / terms.apply_to_quantity))
      }),
      { numRuns: 300 }
    )
  })
})
