import { currencyExponent, isKnownCurrency, PricingError } from ".."

describe("currencyExponent", () => {
  it.each([
    ["JPY", 0], ["KRW", 0], ["VND", 0], ["CLP", 0], ["ISK", 0], ["XOF", 0],
    ["USD", 2], ["EUR", 2], ["GBP", 2], ["CHF", 2],
    ["KWD", 3], ["BHD", 3], ["OMR", 3], ["JOD", 3], ["TND", 3], ["LYD", 3], ["IQD", 3],
    ["CLF", 4],
  ])("gives %s the ISO 4217 exponent %i", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent)
  })

  it("reads the code case-insensitively", () => {
    expect(currencyExponent("jpy")).toBe(0)
    expect(currencyExponent("Kwd")).toBe(3)
  })

  it.each(["XXX", "", "US", "DOLLAR", "XAU"])("refuses the unknown currency %j with UNKNOWN_CURRENCY", (code) => {
    expect(() => currencyExponent(code)).toThrow(PricingError)
    try {
      currencyExponent(code)
    } catch (error) {
      expect((error as PricingError).code).toBe("UNKNOWN_CURRENCY")
      expect((error as PricingError).message).toContain(JSON.stringify(code))
    }
  })

  it("tells known from unknown currencies without throwing", () => {
    expect(isKnownCurrency("usd")).toBe(true)
    expect(isKnownCurrency("ABC")).toBe(false)
  })
})
