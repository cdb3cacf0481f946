import { priceSession, PricingError } from ".."
import { bagOf, cartManual, discountOf, discountsOnLine, fixedCode, itemManual, line, lineOf, percentCode } from "./builders"

describe("priceSession: totals and allocation", () => {
  it("prices the documented example (docs/money.md): 10% over 299.97 and 24.99 is 32.49, split 29.99 and 2.50", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 29997), line("l2", "m1", 2499)],
      codes: [percentCode("SAVE10", 10)],
    })
    const discount = discountOf(session, "d_SAVE10")
    expect(discount).toMatchObject({ status: "APPLIED", amount_total: 3249, message: "Code SAVE10 applied: you saved 32.49" })
    expect(discount.allocations).toEqual([
      { discount_id: "d_SAVE10", line_id: "l1", amount: 2999 },
      { discount_id: "d_SAVE10", line_id: "l2", amount: 250 },
    ])
    expect(session).toMatchObject({ subtotal: 32496, discount_total: 3249, total: 29247 })
    expect(lineOf(session, "l1")).toMatchObject({ subtotal: 29997, discount_total: 2999, total: 26998 })
    expect(lineOf(session, "l2")).toMatchObject({ subtotal: 2499, discount_total: 250, total: 2249 })
  })

  it("multiplies unit price by quantity for the line subtotal", () => {
    const session = priceSession({ currency_code: "USD", lines: [line("l1", "m1", 1250, 3)] })
    expect(lineOf(session, "l1")).toMatchObject({ subtotal: 3750, discount_total: 0, total: 3750, allocations: [] })
    expect(session.total).toBe(3750)
  })

  it("gives a 0.01 discount over three equal lines to the first line", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 500), line("l2", "m1", 500), line("l3", "m1", 500)],
      codes: [fixedCode("CENT", 1)],
    })
    expect(discountOf(session, "d_CENT").allocations).toEqual([{ discount_id: "d_CENT", line_id: "l1", amount: 1 }])
  })

  it("gives a 0.01 discount over three unequal lines to the line with the largest remainder", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 100), line("l2", "m1", 300), line("l3", "m1", 200)],
      codes: [fixedCode("CENT", 1)],
    })
    expect(discountOf(session, "d_CENT").allocations).toEqual([{ discount_id: "d_CENT", line_id: "l2", amount: 1 }])
  })

  it("caps a fixed discount larger than the bag at the bag's subtotal", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 1000), line("l2", "m1", 2000), line("l3", "m2", 4000)],
      codes: [fixedCode("BIG", 5000, { merchant_id: "m1" })],
    })
    expect(discountOf(session, "d_BIG")).toMatchObject({ amount_total: 3000, message: "Code BIG applied: you saved 30.00" })
    expect(bagOf(session, "m1")).toMatchObject({ subtotal: 3000, discount_total: 3000, total: 0 })
    expect(bagOf(session, "m2")).toMatchObject({ subtotal: 4000, discount_total: 0, total: 4000 })
    expect(session.total).toBe(4000)
  })

  it("prices JPY with no decimals: 10% of ¥3,337 is ¥333", () => {
    const session = priceSession({ currency_code: "jpy", lines: [line("l1", "m1", 3337)], codes: [percentCode("TEN", 10)] })
    expect(session.currency_code).toBe("JPY")
    expect(discountOf(session, "d_TEN")).toMatchObject({ amount_total: 333, message: "Code TEN applied: you saved 333" })
  })

  it("prices KWD with three decimals: 12.5% of 1.234 KWD is 0.154", () => {
    const session = priceSession({ currency_code: "KWD", lines: [line("l1", "m1", 1234)], codes: [percentCode("EIGHTH", 12.5)] })
    expect(discountOf(session, "d_EIGHTH")).toMatchObject({ amount_total: 154, message: "Code EIGHTH applied: you saved 0.154" })
  })

  it("groups lines into one bag per merchant, ordered by each merchant's first line", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("a1", "ma", 100), line("b1", "mb", 200), line("a2", "ma", 300), line("c1", "mc", 400)],
    })
    expect(session.bags.map((bag) => bag.merchant_id)).toEqual(["ma", "mb", "mc"])
    expect(bagOf(session, "ma").lines.map((entry) => entry.id)).toEqual(["a1", "a2"])
    expect(bagOf(session, "ma").subtotal).toBe(400)
    expect(session.subtotal).toBe(1000)
  })

  it("carries is_add_on through without changing the price", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [{ ...line("l1", "m1", 1000), is_add_on: true }, line("l2", "m1", 1000)],
      codes: [percentCode("TEN", 10)],
    })
    expect(lineOf(session, "l1")).toMatchObject({ is_add_on: true, total: 900 })
    expect(lineOf(session, "l2")).toMatchObject({ is_add_on: false, total: 900 })
  })

  it("prices an empty session at zero", () => {
    const session = priceSession({ currency_code: "USD", lines: [] })
    const zero = { subtotal: 0, discount_total: 0, shipping_total: 0, shipping_discount_total: 0, total: 0 }
    const untaxed = { tax_total: 0, item_tax_total: 0, shipping_tax_total: 0 }
    expect(session).toEqual({ currency_code: "USD", ...zero, ...untaxed, bags: [], discounts: [] })
  })

  it("does not modify its input", () => {
    const input = {
      currency_code: "USD",
      lines: [line("l1", "m1", 1000)],
      codes: [percentCode("TEN", 10)],
      manual: [cartManual("x", 50)],
    }
    const copy = structuredClone(input)
    priceSession(input)
    expect(input).toEqual(copy)
  })
})

describe("priceSession: scope of codes", () => {
  const lines = [line("a1", "ma", 10000), line("a2", "ma", 5000), line("b1", "mb", 5000)]

  it("applies a merchant code only to its merchant's bag", () => {
    const session = priceSession({ currency_code: "USD", lines, codes: [percentCode("MA10", 10, { merchant_id: "ma" })] })
    expect(discountOf(session, "d_MA10").amount_total).toBe(1500)
    expect(bagOf(session, "ma")).toMatchObject({ discount_total: 1500, discounts: [{ id: "d_MA10", type: "CODE", code: "MA10", amount: 1500 }] })
    expect(bagOf(session, "mb")).toMatchObject({ discount_total: 0, discounts: [] })
  })

  it("shares a store-wide code over every bag by value", () => {
    const session = priceSession({ currency_code: "USD", lines, codes: [fixedCode("ALL", 1001)] })
    expect(discountsOnLine(session, "a1")).toEqual({ d_ALL: 501 })
    expect(discountsOnLine(session, "a2")).toEqual({ d_ALL: 250 })
    expect(discountsOnLine(session, "b1")).toEqual({ d_ALL: 250 })
    expect(bagOf(session, "ma").discounts).toEqual([{ id: "d_ALL", type: "CODE", code: "ALL", amount: 751 }])
    expect(bagOf(session, "mb").discounts).toEqual([{ id: "d_ALL", type: "CODE", code: "ALL", amount: 250 }])
  })

  it("computes a store-wide percentage on the whole session, not per bag", () => {
    // per bag: floor(0.5 × 3 bags) = 0; on the session: floor(1.5) = 1
    const session = priceSession({
      currency_code: "USD",
      lines: [line("a", "ma", 5), line("b", "mb", 5), line("c", "mc", 5)],
      codes: [percentCode("TEN", 10)],
    })
    expect(discountOf(session, "d_TEN").amount_total).toBe(1)
  })

  it("applies merchant codes before store-wide codes, whatever their priority", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [percentCode("ALL10", 10, { priority: 9 }), fixedCode("MA", 1000, { merchant_id: "ma" })],
    })
    expect(discountOf(session, "d_MA").amount_total).toBe(1000)
    expect(discountOf(session, "d_ALL10").amount_total).toBe(1900)
    expect(session.total).toBe(20000 - 2900)
  })

  it("marks a merchant code NOT_APPLICABLE when the session has no line of that merchant", () => {
    const session = priceSession({ currency_code: "USD", lines, codes: [percentCode("MZ", 10, { merchant_id: "mz" })] })
    expect(discountOf(session, "d_MZ")).toMatchObject({
      status: "NOT_APPLICABLE",
      amount_total: 0,
      allocations: [],
      message: "Code MZ applies only to items from merchant mz, and the cart has none",
    })
    expect(session.discount_total).toBe(0)
  })

  it("marks a store-wide code NOT_APPLICABLE on an empty session", () => {
    const session = priceSession({ currency_code: "USD", lines: [], codes: [percentCode("TEN", 10)] })
    expect(discountOf(session, "d_TEN")).toMatchObject({ status: "NOT_APPLICABLE", message: "Code TEN does not apply: the cart is empty" })
  })
})

describe("priceSession: minimum subtotal", () => {
  const lines = [line("a1", "ma", 4000), line("b1", "mb", 6000)]

  it("compares a merchant code's minimum with its bag's subtotal, not the session's", () => {
    const session = priceSession({ currency_code: "USD", lines, codes: [percentCode("MA", 10, { merchant_id: "ma", min_subtotal: 5000 })] })
    expect(discountOf(session, "d_MA")).toMatchObject({
      status: "MIN_SUBTOTAL_NOT_MET",
      amount_total: 0,
      message: "Code MA requires a subtotal from merchant ma of at least 50.00 (currently 40.00)",
    })
    expect(session.total).toBe(10000)
  })

  it("compares a store-wide code's minimum with the session's subtotal", () => {
    const met = priceSession({ currency_code: "USD", lines, codes: [percentCode("ALL", 10, { min_subtotal: 10000 })] })
    expect(discountOf(met, "d_ALL")).toMatchObject({ status: "APPLIED", amount_total: 1000 })
    const missed = priceSession({ currency_code: "USD", lines, codes: [percentCode("ALL", 10, { min_subtotal: 10001 })] })
    expect(discountOf(missed, "d_ALL")).toMatchObject({
      status: "MIN_SUBTOTAL_NOT_MET",
      message: "Code ALL requires a subtotal of at least 100.01 (currently 100.00)",
    })
  })
})

describe("priceSession: manual discounts", () => {
  const lines = [line("l1", "m1", 3000), line("l2", "m2", 1000)]

  it("spreads a cart-level amount over all lines by their value", () => {
    const session = priceSession({ currency_code: "USD", lines, manual: [cartManual("x", 401, "Goodwill")] })
    expect(discountOf(session, "x")).toMatchObject({
      type: "MANUAL",
      code: null,
      name: "Goodwill",
      status: "APPLIED",
      amount_total: 401,
      message: "Manual discount Goodwill applied: 4.01 off",
    })
    expect(discountsOnLine(session, "l1")).toEqual({ x: 301 })
    expect(discountsOnLine(session, "l2")).toEqual({ x: 100 })
  })

  it("takes manual discounts before codes: a code is computed on what the manual discounts left", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 10000)],
      codes: [percentCode("TEN", 10)],
      manual: [cartManual("x", 5000)],
    })
    expect(discountOf(session, "x")).toMatchObject({ status: "APPLIED", amount_total: 5000 })
    expect(discountOf(session, "d_TEN")).toMatchObject({ status: "APPLIED", amount_total: 500 })
    expect(lineOf(session, "l1").allocations.map((entry) => entry.discount_id)).toEqual(["x", "d_TEN"])
    expect(session.total).toBe(4500)
  })

  it("spreads a cart-level amount by each line's value, whatever codes come after", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [fixedCode("M1", 2000, { merchant_id: "m1" })],
      manual: [cartManual("x", 1000)],
    })
    expect(discountsOnLine(session, "l1")).toEqual({ x: 750, d_M1: 2000 })
    expect(discountsOnLine(session, "l2")).toEqual({ x: 250 })
  })

  it("shares a cart-level 1.00 over 3.33, 3.33 and 3.34 as 0.33, 0.33 and 0.34", () => {
    const thirds = [line("a", "m1", 333), line("b", "m2", 333), line("c", "m1", 334)]
    const session = priceSession({ currency_code: "USD", lines: thirds, manual: [cartManual("x", 100)] })
    expect(discountOf(session, "x").allocations).toEqual([
      { discount_id: "x", line_id: "a", amount: 33 },
      { discount_id: "x", line_id: "b", amount: 33 },
      { discount_id: "x", line_id: "c", amount: 34 },
    ])
    expect([bagOf(session, "m1").total, bagOf(session, "m2").total]).toEqual([600, 300])
  })

  it("never lets a code take what a manual discount took: a 100% code after a manual discount takes the rest", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [percentCode("FREE", 100)],
      manual: [cartManual("x", 100)],
    })
    expect(discountOf(session, "x")).toMatchObject({ status: "APPLIED", amount_total: 100 })
    expect(discountOf(session, "d_FREE")).toMatchObject({ status: "APPLIED", amount_total: 3900 })
    expect(session.total).toBe(0)
  })

  it("applies item-level manual discounts before cart-level ones, which share what is left", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      manual: [cartManual("cart", 1000), itemManual("item", "l1", 2000)],
    })
    expect(discountOf(session, "item").allocations).toEqual([{ discount_id: "item", line_id: "l1", amount: 2000 }])
    expect(discountOf(session, "cart").allocations).toEqual([
      { discount_id: "cart", line_id: "l1", amount: 500 },
      { discount_id: "cart", line_id: "l2", amount: 500 },
    ])
    expect(session.discounts.map((discount) => discount.id)).toEqual(["cart", "item"])
  })

  it("leaves a line with an item-level manual discount out of every code, and says so", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [percentCode("TEN", 10)],
      manual: [itemManual("x", "l1", 500)],
    })
    expect(discountOf(session, "d_TEN")).toMatchObject({
      status: "APPLIED",
      amount_total: 100,
      allocations: [{ line_id: "l2", amount: 100 }],
      message: "Code TEN applied: you saved 1.00 (items with a manual discount are left out)",
    })
    expect(discountsOnLine(session, "l1")).toEqual({ x: 500 })
  })

  it("marks a code NOT_APPLICABLE when every line it covers has an item-level manual discount", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [percentCode("M1", 10, { merchant_id: "m1" }), percentCode("ALL", 10)],
      manual: [itemManual("x", "l1", 1)],
    })
    expect(discountOf(session, "d_M1")).toMatchObject({
      status: "NOT_APPLICABLE",
      amount_total: 0,
      message: "Code M1 does not apply: every item it covers already has a manual discount",
    })
    expect(discountOf(session, "d_ALL")).toMatchObject({ status: "APPLIED", amount_total: 100 })
  })

  it("measures a code's minimum subtotal before manual discounts", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [percentCode("MIN40", 10, { min_subtotal: 4000 })],
      manual: [cartManual("x", 3000)],
    })
    expect(discountOf(session, "d_MIN40")).toMatchObject({ status: "APPLIED", amount_total: 100 })
  })

  it("marks a manual discount NOT_APPLICABLE when an earlier one left nothing", () => {
    const session = priceSession({
      currency_code: "USD",
      lines,
      manual: [cartManual("all", 4000), cartManual("x", 100)],
    })
    expect(discountOf(session, "x")).toMatchObject({
      status: "NOT_APPLICABLE",
      amount_total: 0,
      allocations: [],
      message: "Manual discount x was not applied: nothing was left to discount",
    })
    expect(session.total).toBe(0)
  })

  it("puts an item-level amount on its line only", () => {
    const session = priceSession({ currency_code: "USD", lines, manual: [itemManual("x", "l2", 250)] })
    expect(discountOf(session, "x").allocations).toEqual([{ discount_id: "x", line_id: "l2", amount: 250 }])
    expect(bagOf(session, "m2")).toMatchObject({ total: 750, discounts: [{ id: "x", type: "MANUAL", code: null, amount: 250 }] })
    expect(bagOf(session, "m1").total).toBe(3000)
  })

  it("caps a manual amount at what remains and says so", () => {
    const session = priceSession({ currency_code: "USD", lines, manual: [itemManual("x", "l2", 1500)] })
    expect(discountOf(session, "x")).toMatchObject({
      status: "APPLIED",
      amount_total: 1000,
      message: "Manual discount x applied: 10.00 off (capped from 15.00 at what was left to discount)",
    })
    expect(lineOf(session, "l2").total).toBe(0)
  })

  it("refuses an item-level discount on a line that is not in the session", () => {
    expect(() => priceSession({ currency_code: "USD", lines, manual: [itemManual("x", "nope", 100)] })).toThrow(
      expect.objectContaining({
        code: "LINE_NOT_FOUND",
        field: "manual[0].line_id",
        message: expect.stringContaining("nope"),
      })
    )
    expect(() => priceSession({ currency_code: "USD", lines, manual: [itemManual("x", "nope", 100)] })).toThrow(PricingError)
  })
})

describe("priceSession: a code with nothing left to discount", () => {
  it("is APPLIED with amount 0 and a message saying nothing was left", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 1000)],
      codes: [percentCode("M100", 100, { merchant_id: "m1" }), percentCode("ALL10", 10)],
    })
    expect(discountOf(session, "d_ALL10")).toMatchObject({
      status: "APPLIED",
      amount_total: 0,
      allocations: [],
      message: "Code ALL10 applied: you saved 0.00 (nothing was left to discount)",
    })
    expect(session.bags[0].discounts.map((entry) => entry.id)).toEqual(["d_M100"])
  })
})
