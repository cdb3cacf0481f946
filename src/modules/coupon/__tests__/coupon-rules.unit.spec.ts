import { assertCouponCode, couponTermsProblems, isCouponCode, randomCodePart, randomCodeParts } from "../utils"

describe("coupon code format", () => {
  it("accepts 1 to 50 letters, digits, underscores and hyphens", () => {
    expect(["a", "SUMMER-10", "x_y", "Z".repeat(50)].every(isCouponCode)).toBe(true)
  })

  it("refuses anything else with COUPON_CODE_INVALID_FORMAT naming the field and value", () => {
    for (const code of ["", " A", "A.B", "É", "A".repeat(51), 12]) {
      expect(() => assertCouponCode(code, "prefix")).toThrow(
        expect.objectContaining({ code: "COUPON_CODE_INVALID_FORMAT", message: expect.stringContaining("'prefix'") })
      )
    }
  })
})

describe("randomCodePart", () => {
  it("draws the asked number of upper-case letters and digits", () => {
    expect(randomCodePart(12)).toMatch(/^[A-Z0-9]{12}$/)
  })

  it("uses every character of the alphabet about equally often", () => {
    const counts = new Map<string, number>()
    for (const character of randomCodePart(360_000)) {
      counts.set(character, (counts.get(character) ?? 0) + 1)
    }
    expect(counts.size).toBe(36)
    // 10,000 expected each (standard deviation ~100); a plain byte % 36 would give
    // the first four characters ~11,250.
    counts.forEach((count) => expect(Math.abs(count - 10_000)).toBeLessThan(600))
  })
})

describe("randomCodeParts", () => {
  it("draws count parts of the asked length, all upper-case letters and digits", () => {
    const parts = randomCodeParts(5_000, 7)
    expect(parts).toHaveLength(5_000)
    parts.forEach((part) => expect(part).toMatch(/^[A-Z0-9]{7}$/))
    // 36^7 codes: 5,000 draws all but never repeat.
    expect(new Set(parts).size).toBeGreaterThan(4_990)
  })

  it("uses every character of the alphabet about equally often, in every position", () => {
    const parts = randomCodeParts(36_000, 10)
    for (const position of [0, 9]) {
      const counts = new Map<string, number>()
      parts.forEach((part) => counts.set(part[position], (counts.get(part[position]) ?? 0) + 1))
      expect(counts.size).toBe(36)
      // 1,000 expected each (standard deviation ~31).
      counts.forEach((count) => expect(Math.abs(count - 1_000)).toBeLessThan(200))
    }
  })

  it("draws none for a count of 0", () => {
    expect(randomCodeParts(0, 8)).toEqual([])
  })
})

describe("couponTermsProblems", () => {
  const fieldsOf = (terms: Parameters<typeof couponTermsProblems>[0]) =>
    couponTermsProblems(terms).map((problem) => problem.field)

  it("finds nothing wrong with coherent terms", () => {
    expect(fieldsOf({ value_type: "percentage", value: 100 })).toEqual([])
    expect(fieldsOf({ value_type: "fixed", value: 12.5, currency_code: "usd", min_subtotal: 30 })).toEqual([])
    expect(fieldsOf({ value_type: "fixed", value: 0.125, currency_code: "KWD" })).toEqual([])
  })

  it("caps a percentage at 100", () => {
    expect(fieldsOf({ value_type: "percentage", value: 100.01 })).toEqual(["value"])
  })

  it("needs a known currency for a fixed value and for a minimum subtotal", () => {
    expect(fieldsOf({ value_type: "fixed", value: 5 })).toEqual(["currency_code"])
    expect(fieldsOf({ value_type: "percentage", value: 5, min_subtotal: 10 })).toEqual(["currency_code"])
    expect(fieldsOf({ value_type: "fixed", value: 5, currency_code: "ABC" })).toEqual(["currency_code"])
  })

  it("needs amounts to be whole minor units of the currency", () => {
    expect(fieldsOf({ value_type: "fixed", value: 1.5, currency_code: "jpy" })).toEqual(["value"])
    expect(fieldsOf({ value_type: "fixed", value: 1, currency_code: "usd", min_subtotal: 0.001 })).toEqual([
      "min_subtotal",
    ])
  })

  it("needs ends_at after starts_at, whether dates or ISO strings", () => {
    const starts_at = new Date("2026-06-01T00:00:00Z")
    expect(fieldsOf({ value_type: "percentage", value: 5, starts_at, ends_at: starts_at })).toEqual(["ends_at"])
    expect(
      fieldsOf({ value_type: "percentage", value: 5, starts_at: "2026-06-02", ends_at: "2026-06-01" })
    ).toEqual(["ends_at"])
  })
})
