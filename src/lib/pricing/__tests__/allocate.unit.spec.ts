import fc from "fast-check"
import { allocateByWeight, PricingError } from ".."
import { kthSmallest } from "../allocate"

describe("allocateByWeight", () => {
  it("splits the documented example (docs/money.md) 32.49 over 299.97 and 24.99 as 29.99 and 2.50", () => {
    expect(allocateByWeight(3249, [29997, 2499])).toEqual([2999, 250])
  })

  it("gives a single leftover unit to the earlier of equal remainders", () => {
    expect(allocateByWeight(1, [100, 100, 100])).toEqual([1, 0, 0])
    expect(allocateByWeight(2, [100, 100, 100])).toEqual([1, 1, 0])
  })

  it("gives leftover units to the largest remainders before the earlier index", () => {
    // exact shares 1/3 and 2/3: the second remainder is larger
    expect(allocateByWeight(1, [1, 2])).toEqual([0, 1])
    expect(allocateByWeight(1, [100, 300, 200])).toEqual([0, 1, 0])
  })

  it("gives nothing to zero weights", () => {
    expect(allocateByWeight(10, [0, 3, 0, 7])).toEqual([0, 3, 0, 7])
  })

  it("allocates nothing when every weight is zero and leaves the decision to the caller", () => {
    expect(allocateByWeight(5, [0, 0])).toEqual([0, 0])
    expect(allocateByWeight(5, [])).toEqual([])
  })

  it("stays exact when total × weight is beyond the safe integer range", () => {
    const total = 2 ** 52
    const weights = [2 ** 52 - 1, 3, 2 ** 40 + 7]
    const parts = allocateByWeight(total, weights)
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total)
    const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n)
    parts.forEach((part, index) => {
      const exactNumerator = BigInt(total) * BigInt(weights[index])
      const floor = exactNumerator / weightSum
      expect([floor, floor + 1n]).toContain(BigInt(part))
    })
  })

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [Number.MAX_SAFE_INTEGER + 1, [1]],
    [1, [-1]],
    [1, [0.5]],
    [1, [Number.NaN]],
  ])("refuses total %p with weights %p", (total, weights) => {
    expect(() => allocateByWeight(total, weights)).toThrow(PricingError)
  })

  const weightsArbitrary = fc.array(
    fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 64) })),
    { minLength: 1, maxLength: 40 }
  )
  const totalArbitrary = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))

  it("makes parts that sum exactly to the total whenever some weight is positive", () => {
    fc.assert(
      fc.property(totalArbitrary, weightsArbitrary, (total, weights) => {
        fc.pre(weights.some((weight) => weight > 0))
        const parts = allocateByWeight(total, weights)
        expect(parts.reduce((sum, part) => sum + BigInt(part), 0n)).toBe(BigInt(total))
      })
    )
  })

  it("keeps every part within one unit of its exact proportional share", () => {
    fc.assert(
      fc.property(totalArbitrary, weightsArbitrary, (total, weights) => {
        const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n)
        fc.pre(weightSum > 0n)
        const parts = allocateByWeight(total, weights)
        parts.forEach((part, index) => {
          expect(Number.isSafeInteger(part)).toBe(true)
          // |part - total × w / W| < 1  ⇔  |part × W - total × w| < W
          const gap = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[index])
          expect(gap < weightSum && -gap < weightSum).toBe(true)
        })
      })
    )
  })

  it("never gives a part more than its weight when the total fits in the weights", () => {
    fc.assert(
      fc.property(weightsArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), (weights, fraction) => {
        const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
        fc.pre(Number.isSafeInteger(weightSum))
        const total = Math.floor(weightSum * fraction)
        allocateByWeight(total, weights).forEach((part, index) => {
          expect(part).toBeLessThanOrEqual(weights[index])
        })
      })
    )
  })

  it("gives the same parts as the textbook largest-remainder method", () => {
    function textbook(total: number, weights: number[]): number[] {
      const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n)
      if (weightSum === 0n) return weights.map(() => 0)
      const shares = weights.map((weight, index) => {
        const product = BigInt(total) * BigInt(weight)
        return { index, floor: product / weightSum, remainder: product % weightSum }
      })
      let leftover = BigInt(total) - shares.reduce((sum, share) => sum + share.floor, 0n)
      const byRemainder = [...shares].sort((a, b) =>
        a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1
      )
      const parts = shares.map((share) => share.floor)
      for (const share of byRemainder) {
        if (leftover === 0n) break
        parts[share.index] += 1n
        leftover -= 1n
      }
      return parts.map(Number)
    }
    fc.assert(
      fc.property(totalArbitrary, weightsArbitrary, (total, weights) => {
        expect(allocateByWeight(total, weights)).toEqual(textbook(total, weights))
      })
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 12 }), (total, weights) => {
        expect(allocateByWeight(total, weights)).toEqual(textbook(total, weights))
      })
    )
  })

  it("never gives an equal weight more than an earlier equal weight", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }), (total, weights) => {
        const parts = allocateByWeight(total, weights)
        for (let later = 0; later < weights.length; later++) {
          for (let earlier = 0; earlier < later; earlier++) {
            if (weights[earlier] === weights[later]) expect(parts[earlier]).toBeGreaterThanOrEqual(parts[later])
          }
        }
      })
    )
  })
})

describe("kthSmallest (the selection that finds the leftover units' threshold)", () => {
  it("finds what stands at index k of the values sorted ascending, duplicates included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (values, seed) => {
          const k = seed % values.length
          const sorted = [...values].sort((a, b) => a - b)
          expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k])
        }
      ),
      { numRuns: 500 }
    )
  })
})
