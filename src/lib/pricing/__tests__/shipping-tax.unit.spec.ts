import { priceSession, type PricingCodeInput, type PricingShippingMethodInput } from ".."
import { bagOf, discountOf, fixedCode, line, lineOf, percentCode } from "./builders"

function method(merchant_id: string, amount: number, extra: Partial<PricingShippingMethodInput> = {}): PricingShippingMethodInput {
  return { merchant_id, option_id: `so_${merchant_id}`, name: `Standard ${merchant_id}`, amount, ...extra }
}

function shippingCode(code: string, value: number, extra: Partial<PricingCodeInput> = {}): PricingCodeInput {
  return percentCode(code, value, { target_type: "shipping_methods", ...extra })
}

const taxed = (rates: number[], is_tax_inclusive = false) => ({ tax_rates: rates, is_tax_inclusive })

describe("priceSession: tax", () => {
  it("rounds the host's worked example once: 10% on 34.11 USD is 3.41, inside a tax-inclusive 34.11 it is 3.10", () => {
    const exclusive = priceSession({ currency_code: "USD", lines: [{ ...line("l1", "m1", 3411), ...taxed([10]) }] })
    expect(exclusive).toMatchObject({ subtotal: 3411, tax_total: 341, item_tax_total: 341, total: 3752 })
    const inclusive = priceSession({ currency_code: "USD", lines: [{ ...line("l1", "m1", 3411), ...taxed([10], true) }] })
    expect(inclusive).toMatchObject({ subtotal: 3411, tax_total: 310, total: 3411 })
    expect(lineOf(inclusive, "l1")).toMatchObject({ total: 3411, tax_total: 310 })
  })

  it("rounds the session's exact tax once and shares it by largest remainder, ties to the earlier line", () => {
    // 10% of 0.05 is 0.005 on each line: 0.015 in all rounds to 0.02, where rounding each line would give 0.03
    const lines = ["a", "b", "c"].map((id) => ({ ...line(id, id === "c" ? "m2" : "m1", 5), ...taxed([10]) }))
    const session = priceSession({ currency_code: "USD", lines })
    expect(session.tax_total).toBe(2)
    expect(["a", "b", "c"].map((id) => lineOf(session, id).tax_total)).toEqual([1, 1, 0])
    expect(bagOf(session, "m1")).toMatchObject({ tax_total: 2, total: 12 })
    expect(bagOf(session, "m2")).toMatchObject({ tax_total: 0, total: 5 })
  })

  it("adds several tax lines of a line, fractions of a percent included, and rounds half away from zero", () => {
    // 8.875% of 100.00 is 8.875 → 8.88; 4% + 4.5% of 10.00 is 0.85 exactly
    const session = priceSession({
      currency_code: "USD",
      lines: [{ ...line("ny", "m1", 10000), ...taxed([4, 4.875]) }, { ...line("two", "m2", 1000), ...taxed([4, 4.5]) }],
    })
    expect(lineOf(session, "ny").tax_total).toBe(888)
    expect(lineOf(session, "two").tax_total).toBe(85)
    expect(session).toMatchObject({ tax_total: 973, total: 11973 })
  })

  it("taxes in the currency's minor unit: JPY without decimals, KWD with three", () => {
    const yen = priceSession({ currency_code: "JPY", lines: [{ ...line("l1", "m1", 333), ...taxed([10]) }] })
    expect(yen).toMatchObject({ tax_total: 33, total: 366 })
    const dinar = priceSession({ currency_code: "KWD", lines: [{ ...line("l1", "m1", 1234), ...taxed([5]) }] })
    expect(dinar).toMatchObject({ tax_total: 62, total: 1296 }) // 0.0617 KWD → 0.062
    const inclusive = priceSession({ currency_code: "KWD", lines: [{ ...line("l1", "m1", 1234), ...taxed([5], true) }] })
    expect(inclusive).toMatchObject({ tax_total: 59, total: 1234 }) // 1.234 − 1.234 / 1.05 = 0.05876… → 0.059
  })

  it("taxes what remains after discounts", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [{ ...line("l1", "m1", 10000), ...taxed([20]) }, line("free", "m1", 5000)],
      codes: [fixedCode("OFF", 3000)],
    })
    // the code takes 2000 from l1 and 1000 from the untaxed line: 20% of 80.00
    expect(lineOf(session, "l1")).toMatchObject({ total: 8000, tax_total: 1600 })
    expect(session).toMatchObject({ discount_total: 3000, tax_total: 1600, total: 13600 })
  })

  it("prices a session without shipping methods or tax rates with shipping and tax 0", () => {
    const session = priceSession({ currency_code: "USD", lines: [line("l1", "m1", 1000)], codes: [percentCode("TEN", 10)] })
    expect(bagOf(session, "m1")).toMatchObject({
      shipping_method: null, shipping_total: 0, shipping_discount_total: 0, tax_total: 0, total: 900, shipping_discounts: [],
    })
    expect(session).toMatchObject({ shipping_total: 0, tax_total: 0, total: 900 })
  })
})

describe("priceSession: shipping per bag", () => {
  const lines = [line("a1", "ma", 6000), line("b1", "mb", 3000)]

  it("adds each bag's shipping method to its total and the session's", () => {
    const session = priceSession({ currency_code: "USD", lines, shipping_methods: [method("ma", 500)] })
    expect(bagOf(session, "ma")).toMatchObject({
      shipping_method: { option_id: "so_ma", name: "Standard ma", amount: 500 }, shipping_total: 500, total: 6500,
    })
    expect(bagOf(session, "mb")).toMatchObject({ shipping_method: null, shipping_total: 0, total: 3000 })
    expect(session).toMatchObject({ shipping_total: 500, total: 9500 })
  })

  it("gives free shipping to one merchant's bag only", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      shipping_methods: [method("ma", 500), method("mb", 700)],
      codes: [shippingCode("FREESHIP", 100, { merchant_id: "ma" })],
    })
    expect(discountOf(session, "d_FREESHIP")).toMatchObject({
      status: "APPLIED", target_type: "shipping_methods", amount_total: 500, allocations: [],
      shipping_allocations: [{ merchant_id: "ma", amount: 500 }],
      message: "Code FREESHIP applied: you saved 5.00 on shipping",
    })
    expect(bagOf(session, "ma")).toMatchObject({
      shipping_total: 500, shipping_discount_total: 500, discount_total: 0, total: 6000,
      shipping_discounts: [{ id: "d_FREESHIP", type: "CODE", code: "FREESHIP", amount: 500 }], discounts: [],
    })
    expect(bagOf(session, "mb")).toMatchObject({ shipping_discount_total: 0, total: 3700 })
    expect(session).toMatchObject({ discount_total: 0, shipping_total: 1200, shipping_discount_total: 500, total: 9700 })
  })

  it("takes a store-wide percentage of all the shipping and shares it by shipping amount", () => {
    // 50% of 5.00 + 7.01 is 6.005 → 6.00, shared 2.4979… and 3.5020… → 2.50 and 3.50
    const session = priceSession({
      currency_code: "USD",
      lines,
      shipping_methods: [method("ma", 500), method("mb", 701)],
      codes: [shippingCode("HALFSHIP", 50)],
    })
    expect(discountOf(session, "d_HALFSHIP")).toMatchObject({
      amount_total: 600, shipping_allocations: [{ merchant_id: "ma", amount: 250 }, { merchant_id: "mb", amount: 350 }],
    })
    expect(session).toMatchObject({ shipping_total: 1201, shipping_discount_total: 600, total: 9601 })
  })

  it("caps a fixed shipping code at the shipping, and stacks it with item codes", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      shipping_methods: [method("ma", 500)],
      codes: [fixedCode("SHIP10", 1000, { target_type: "shipping_methods", combinable: false }), percentCode("TEN", 10, { combinable: false })],
    })
    expect(discountOf(session, "d_SHIP10")).toMatchObject({ status: "APPLIED", amount_total: 500 })
    expect(discountOf(session, "d_TEN")).toMatchObject({ status: "APPLIED", amount_total: 900 })
    expect(session).toMatchObject({ discount_total: 900, shipping_discount_total: 500, total: 8100 })
  })

  it("holds the combinable rule among shipping codes", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      shipping_methods: [method("ma", 500), method("mb", 700)],
      codes: [shippingCode("HALF", 50, { combinable: false }), shippingCode("FREE_A", 100, { merchant_id: "ma" })],
    })
    expect(discountOf(session, "d_HALF")).toMatchObject({ status: "APPLIED", amount_total: 600 })
    expect(discountOf(session, "d_FREE_A")).toMatchObject({
      status: "NOT_COMBINABLE",
      message: "Code FREE_A cannot be combined with code HALF, which was applied instead because it saves more",
    })
  })

  it("counts a merchant code's minimum on its bag's items after item discounts, a store-wide one's on the session's", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      shipping_methods: [method("ma", 500), method("mb", 700)],
      codes: [
        percentCode("TWENTY", 20, { merchant_id: "ma" }),
        shippingCode("FREE_A", 100, { merchant_id: "ma", min_subtotal: 5000 }),
        shippingCode("FREE_ALL", 100, { min_subtotal: 5000 }),
      ],
    })
    expect(discountOf(session, "d_FREE_A")).toMatchObject({
      status: "MIN_SUBTOTAL_NOT_MET",
      message: "Code FREE_A requires at least 50.00 of items from merchant ma after discounts (currently 48.00)",
    })
    expect(discountOf(session, "d_FREE_ALL")).toMatchObject({ status: "APPLIED", amount_total: 1200 })
  })

  it("does not apply a shipping code to a scope without a shipping method", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      shipping_methods: [method("mb", 700)],
      codes: [shippingCode("FREE_A", 100, { merchant_id: "ma" })],
    })
    expect(discountOf(session, "d_FREE_A")).toMatchObject({
      status: "NOT_APPLICABLE",
      message: "Code FREE_A discounts shipping, and no shipping method is chosen for the items from merchant ma yet",
    })
  })

  it("taxes a shipping method at its own rates, on what the shipping codes left of it", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [{ ...line("a1", "ma", 6000), ...taxed([10]) }],
      shipping_methods: [method("ma", 1000, taxed([20]))],
      codes: [shippingCode("HALFSHIP", 50)],
    })
    expect(bagOf(session, "ma")).toMatchObject({
      item_tax_total: 600, shipping_tax_total: 100, tax_total: 700, total: 6000 + 500 + 700,
    })
    const inclusive = priceSession({
      currency_code: "USD",
      lines: [line("a1", "ma", 6000)],
      shipping_methods: [method("ma", 1200, taxed([20], true))],
    })
    expect(bagOf(inclusive, "ma")).toMatchObject({ shipping_tax_total: 200, tax_total: 200, total: 7200 })
  })

  it("refuses a method for a merchant without lines, two methods for one bag, a negative rate and line fields on a shipping code", () => {
    const price = (extra: object) => () => priceSession({ currency_code: "USD", lines, ...extra })
    expect(price({ shipping_methods: [method("mz", 500)] })).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "shipping_methods[0].merchant_id" }))
    expect(price({ shipping_methods: [method("ma", 500), method("ma", 600)] })).toThrow(expect.objectContaining({ code: "DUPLICATE_ID" }))
    expect(price({ shipping_methods: [method("ma", -1)] })).toThrow(expect.objectContaining({ field: "shipping_methods[0].amount" }))
    expect(price({ lines: [{ ...line("a1", "ma", 100), tax_rates: [-5] }] })).toThrow(expect.objectContaining({ field: "lines[0].tax_rates[0]" }))
    const targeted = shippingCode("X", 10, { target_line_ids: ["a1"] })
    expect(price({ codes: [targeted] })).toThrow(expect.objectContaining({ field: "codes[0].target_line_ids" }))
  })
})
