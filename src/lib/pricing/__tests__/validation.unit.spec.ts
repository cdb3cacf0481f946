import { priceSession, PricingError, type PriceSessionInput } from ".."
import { fixedCode, line, percentCode } from "./builders"

function failure(input: PriceSessionInput): PricingError {
  try {
    priceSession(input)
  } catch (error) {
    if (error instanceof PricingError) return error
    throw error
  }
  throw new Error("priceSession accepted the input")
}

const base = (extra: Partial<PriceSessionInput>): PriceSessionInput => ({
  currency_code: "USD",
  lines: [line("l1", "m1", 1000)],
  ...extra,
})

describe("priceSession input validation", () => {
  it.each([
    ["a non-integer unit_price", { lines: [line("l1", "m1", 10.5)] }, "INVALID_INPUT", "lines[0].unit_price"],
    ["a negative unit_price", { lines: [line("l1", "m1", -1)] }, "INVALID_INPUT", "lines[0].unit_price"],
    ["a zero quantity", { lines: [line("l1", "m1", 100, 0)] }, "INVALID_INPUT", "lines[0].quantity"],
    ["a fractional quantity", { lines: [line("l1", "m1", 100, 1.5)] }, "INVALID_INPUT", "lines[0].quantity"],
    ["a missing merchant", { lines: [line("l1", "", 100)] }, "INVALID_INPUT", "lines[0].merchant_id"],
    ["a subtotal beyond the safe range", { lines: [line("l1", "m1", 2 ** 40, 2 ** 20)] }, "AMOUNT_OUT_OF_RANGE", "lines[0]"],
    ["two lines with one id", { lines: [line("l1", "m1", 1), line("l1", "m2", 1)] }, "DUPLICATE_ID", "lines[1].id"],
    ["a zero percentage", { codes: [percentCode("P", 0)] }, "INVALID_INPUT", "codes[0].value"],
    ["a percentage above 100", { codes: [percentCode("P", 100.5)] }, "INVALID_INPUT", "codes[0].value"],
    ["a non-finite percentage", { codes: [percentCode("P", Number.NaN)] }, "INVALID_INPUT", "codes[0].value"],
    ["a non-integer fixed value", { codes: [fixedCode("F", 9.99)] }, "INVALID_INPUT", "codes[0].value"],
    ["a zero fixed value", { codes: [fixedCode("F", 0)] }, "INVALID_INPUT", "codes[0].value"],
    ["an unknown value type", { codes: [fixedCode("F", 1, { value_type: "bogus" as "fixed" })] }, "INVALID_INPUT", "codes[0].value_type"],
    ["a non-boolean combinable", { codes: [fixedCode("F", 1, { combinable: "yes" as unknown as boolean })] }, "INVALID_INPUT", "codes[0].combinable"],
    ["a non-finite priority", { codes: [fixedCode("F", 1, { priority: Number.POSITIVE_INFINITY })] }, "INVALID_INPUT", "codes[0].priority"],
    ["a negative min_subtotal", { codes: [fixedCode("F", 1, { min_subtotal: -1 })] }, "INVALID_INPUT", "codes[0].min_subtotal"],
    ["a caller status the core decides itself", { codes: [fixedCode("F", 1, { eligibility: { status: "APPLIED" as "INVALID" } })] }, "INVALID_INPUT", "codes[0].eligibility.status"],
    ["two discounts with one id", { codes: [fixedCode("F", 1)], manual: [{ id: "d_F", scope: "cart", amount: 1 }] }, "DUPLICATE_ID", "manual[0].id"],
    ["an unknown manual scope", { manual: [{ id: "x", scope: "bag" as "cart", amount: 1 }] }, "INVALID_INPUT", "manual[0].scope"],
    ["an item discount without a line", { manual: [{ id: "x", scope: "item", amount: 1 }] }, "INVALID_INPUT", "manual[0].line_id"],
    ["a non-integer manual amount", { manual: [{ id: "x", scope: "cart", amount: 0.5 }] }, "INVALID_INPUT", "manual[0].amount"],
    ["an unknown currency", { currency_code: "ABC" }, "UNKNOWN_CURRENCY", "currency_code"],
  ] as [string, Partial<PriceSessionInput>, string, string][])("refuses %s", (_name, extra, code, field) => {
    const error = failure(base(extra))
    expect(error.code).toBe(code)
    expect(error.field).toBe(field)
    expect(error.message).toContain(field)
  })
})
