import fc from "fast-check"
import { formatMinorUnits, fromMinorUnits, fromMinorUnitsOf, percentageOf, PricingError, toMinorUnits } from ".."

function errorCode(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    if (error instanceof PricingError) return error.code
    throw error
  }
  return undefined
}

describe("toMinorUnits", () => {
  it.each([
    [11.370000000000001, "USD", 1137],
    [0.3334, "KWD", 333],
    [0.3335, "KWD", 334],
    [333.7, "JPY", 334],
    [333.5, "JPY", 334],
    [333.4999, "JPY", 333],
    [1.005, "USD", 101],
    [-1.005, "USD", -101],
    [2.675, "USD", 268],
    [1.0049999, "USD", 100],
    [0.1 + 0.2, "USD", 30],
    [12.5, "USD", 1250],
    [299.97, "USD", 29997],
    [0, "USD", 0],
    [1e-7, "USD", 0],
    [1.5e2, "USD", 15000],
    [-0.5, "JPY", -1],
    [0.5, "JPY", 1],
  ])("converts %p %s to %p minor units, rounding half away from zero", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor)
  })

  it.each([
    ["12.345", "USD", 1235],
    [" 12.5 ", "usd", 1250],
    ["-0.0049", "USD", 0],
    [".5", "JPY", 1],
    ["7.", "USD", 700],
    ["1.2345e1", "KWD", 12345],
    ["90071992547409.91", "USD", Number.MAX_SAFE_INTEGER],
  ])("converts the string %p %s to %p", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor)
  })

  it("never returns negative zero", () => {
    expect(Object.is(toMinorUnits(-0.001, "USD"), 0)).toBe(true)
    expect(Object.is(toMinorUnits(-0, "USD"), 0)).toBe(true)
  })

  it.each([
    [Number.NaN, "INVALID_AMOUNT"],
    [Number.POSITIVE_INFINITY, "INVALID_AMOUNT"],
    ["abc", "INVALID_AMOUNT"],
    ["", "INVALID_AMOUNT"],
    [".", "INVALID_AMOUNT"],
    ["1.2.3", "INVALID_AMOUNT"],
    ["1,5", "INVALID_AMOUNT"],
    [1e21, "AMOUNT_OUT_OF_RANGE"],
    [90071992547409.94, "AMOUNT_OUT_OF_RANGE"],
    ["90071992547409.92", "AMOUNT_OUT_OF_RANGE"],
    ["1e999999", "AMOUNT_OUT_OF_RANGE"],
  ])("refuses %p with %s", (amount, code) => {
    expect(errorCode(() => toMinorUnits(amount as number | string, "USD"))).toBe(code)
  })

  it("refuses an unknown currency", () => {
    expect(errorCode(() => toMinorUnits(1, "ZZZ"))).toBe("UNKNOWN_CURRENCY")
  })

  it("matches integer rounding of a decimal written with three extra digits", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(["JPY", 0], ["USD", 2], ["KWD", 3]) as fc.Arbitrary<[string, number]>,
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        ([currency, exponent], thousandths) => {
          const magnitude = thousandths < 0n ? -thousandths : thousandths
          const digits = magnitude.toString().padStart(exponent + 4, "0")
          const text = `${thousandths < 0n ? "-" : ""}${digits.slice(0, -(exponent + 3))}.${digits.slice(-(exponent + 3))}`
          const rounded = (magnitude + 500n) / 1000n
          const expected = Number(thousandths < 0n ? -rounded : rounded)
          expect(toMinorUnits(text, currency)).toBe(expected === 0 ? 0 : expected)
        }
      )
    )
  })
})

describe("fromMinorUnits", () => {
  it.each([
    [3249, "USD", 32.49],
    [5, "JPY", 5],
    [1234, "KWD", 1.234],
    [-5, "USD", -0.05],
    [100, "USD", 1],
    [7, "USD", 0.07],
  ])("turns %p minor units of %s into %p", (minor, currency, major) => {
    expect(fromMinorUnits(minor, currency)).toBe(major)
    expect(String(fromMinorUnits(minor, currency))).toBe(String(major))
  })

  it.each([[1.5], [Number.NaN], [0.1]])("refuses the non-integer %p", (minor) => {
    expect(errorCode(() => fromMinorUnits(minor, "USD"))).toBe("INVALID_AMOUNT")
  })

  it("refuses amounts beyond the safe integer range", () => {
    expect(errorCode(() => fromMinorUnits(Number.MAX_SAFE_INTEGER + 1, "USD"))).toBe("AMOUNT_OUT_OF_RANGE")
  })

  it("round-trips every safe amount through toMinorUnits and prints it exactly", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("JPY", "USD", "KWD", "CLF"),
        fc.oneof(fc.integer({ min: -1e15 + 1, max: 1e15 - 1 }), fc.maxSafeInteger()),
        (currency, minor) => {
          let major: number
          try {
            major = fromMinorUnits(minor, currency)
          } catch (error) {
            // Only amounts with 16 significant digits may be refused.
            expect(Math.abs(minor)).toBeGreaterThanOrEqual(1e15)
            return
          }
          expect(toMinorUnits(major, currency)).toBe(minor)
          const exact = formatMinorUnits(minor, currency)
          expect(Number(exact)).toBe(major)
          expect(fromMinorUnitsOf(currency)(minor)).toBe(major)
        }
      ),
      { numRuns: 20_000 }
    )
  })
})

describe("formatMinorUnits", () => {
  it.each([
    [3000, "USD", "30.00"],
    [5, "JPY", "5"],
    [-1234, "KWD", "-1.234"],
    [7, "USD", "0.07"],
    [0, "KWD", "0.000"],
  ])("writes %p minor units of %s as %p", (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text)
  })
})

describe("percentageOf", () => {
  it.each([
    [32496, 10, 3249],
    [1000, 12.5, 125],
    [999, 12.5, 124],
    [1000, 0.3, 3],
    [3337, 10, 333],
    [1234, 12.5, 154],
    [10000, 33.333, 3333],
    [5, 10, 0],
    [777, 100, 777],
  ])("takes floor(%p × %p%%) = %p", (base, percentage, amount) => {
    expect(percentageOf(base, percentage)).toBe(amount)
  })

  it("is exact where float arithmetic is not", () => {
    // 0.07 * 100 in floats is 7.000000000000001, and 4.35% of 100 floats to 4.3499999…
    expect(percentageOf(10000, 0.07)).toBe(7)
    expect(percentageOf(100, 4.35)).toBe(4)
    expect(percentageOf(10000, 4.35)).toBe(435)
  })

  it("never exceeds the exact share and misses it by less than one minor unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 100000 }), (base, thousandths) => {
        const percentage = thousandths / 1000
        const amount = BigInt(percentageOf(base, percentage))
        const exactTimes100000 = BigInt(base) * BigInt(thousandths)
        expect(amount * 100000n <= exactTimes100000).toBe(true)
        expect((amount + 1n) * 100000n > exactTimes100000).toBe(true)
      })
    )
  })
})
