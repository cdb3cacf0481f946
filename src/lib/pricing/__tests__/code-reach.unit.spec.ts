import { priceSession, type PricingCodeInput } from ".."
import { cartManual, discountOf, discountsOnLine, fixedCode, itemManual, line, percentCode } from "./builders"

const buyGet = (buy_line_ids: string[], buy_min_quantity: number, apply_to_quantity: number) => ({
  buy_line_ids,
  buy_min_quantity,
  apply_to_quantity,
})

describe("priceSession: target lines", () => {
  it("shares a code over its target lines only, by value", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("shirt", "m1", 3000), line("cap", "m1", 1000), line("socks", "m1", 500)],
      codes: [fixedCode("T", 1001, { target_line_ids: ["shirt", "socks"] })],
    })
    expect(discountOf(session, "d_T").allocations).toEqual([
      { discount_id: "d_T", line_id: "shirt", amount: 858 },
      { discount_id: "d_T", line_id: "socks", amount: 143 },
    ])
  })

  it("gives a collection target with a merchant scope to that merchant's lines of the collection only", () => {
    // caps of the collection from m1 and m2; the code is m1's
    const session = priceSession({
      currency_code: "USD",
      lines: [line("m1cap", "m1", 1500), line("m1shirt", "m1", 2000), line("m2cap", "m2", 1500), line("m1cap2", "m1", 1000, 2)],
      codes: [percentCode("CAPS", 10, { merchant_id: "m1", target_line_ids: ["m1cap", "m2cap", "m1cap2"] })],
    })
    expect(discountOf(session, "d_CAPS")).toMatchObject({
      status: "APPLIED",
      amount_total: 350,
      allocations: [
        { line_id: "m1cap", amount: 150 },
        { line_id: "m1cap2", amount: 200 },
      ],
    })
  })

  it("is NOT_APPLICABLE, saying why, when no target line is in its scope", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("m1shirt", "m1", 2000), line("m2cap", "m2", 1500)],
      codes: [
        percentCode("CAPS", 10, {
          merchant_id: "m1",
          target_line_ids: ["m2cap"],
          target_description: "items whose collection is Summer caps",
        }),
        percentCode("NONE", 10, { target_line_ids: [] }),
      ],
    })
    expect(discountOf(session, "d_CAPS")).toMatchObject({
      status: "NOT_APPLICABLE",
      amount_total: 0,
      message: "Code CAPS does not apply: the cart has no items whose collection is Summer caps from merchant m1",
    })
    expect(discountOf(session, "d_NONE").message).toBe("Code NONE does not apply: the cart has no items it discounts")
  })

  it("counts only the target lines toward the minimum subtotal", () => {
    const lines = [line("shirt", "m1", 4000), line("cap", "m1", 1500)]
    const target = { target_line_ids: ["cap"], target_description: "items whose collection is Summer caps" }
    const missed = priceSession({ currency_code: "USD", lines, codes: [percentCode("C", 10, { ...target, min_subtotal: 2000 })] })
    expect(discountOf(missed, "d_C")).toMatchObject({
      status: "MIN_SUBTOTAL_NOT_MET",
      message: "Code C requires at least 20.00 of items whose collection is Summer caps (currently 15.00)",
    })
    const met = priceSession({ currency_code: "USD", lines, codes: [percentCode("C", 10, { ...target, min_subtotal: 1500 })] })
    expect(discountOf(met, "d_C")).toMatchObject({ status: "APPLIED", amount_total: 150 })
  })

  it("leaves out a target line priced by hand, and is NOT_APPLICABLE when every target line is", () => {
    const lines = [line("shirt", "m1", 2000), line("cap", "m1", 1000), line("bag", "m1", 3000)]
    const session = priceSession({
      currency_code: "USD",
      lines,
      codes: [percentCode("T", 10, { target_line_ids: ["shirt", "cap"] }), percentCode("C", 10, { target_line_ids: ["cap"] })],
      manual: [itemManual("x", "cap", 100)],
    })
    expect(discountOf(session, "d_T")).toMatchObject({
      amount_total: 200,
      message: "Code T applied: you saved 2.00 (items with a manual discount are left out)",
    })
    expect(discountOf(session, "d_C")).toMatchObject({ status: "NOT_APPLICABLE", message: expect.stringContaining("manual discount") })
  })
})

describe("priceSession: allocation each and once", () => {
  const shirts = [line("s1", "m1", 2000, 3), line("s2", "m1", 2000, 3), line("cap", "m1", 1500)]
  const onShirts: Partial<PricingCodeInput> = { target_line_ids: ["s1", "s2"], max_quantity: 2 }

  it("takes 10% of at most 2 units of each shirt line: 8.00 on two lines of 3 × 20.00", () => {
    const session = priceSession({ currency_code: "USD", lines: shirts, codes: [percentCode("EACH", 10, { ...onShirts, allocation: "each" })] })
    expect(discountOf(session, "d_EACH")).toMatchObject({
      amount_total: 800,
      allocations: [
        { line_id: "s1", amount: 400 },
        { line_id: "s2", amount: 400 },
      ],
    })
  })

  it("takes 10% of at most 2 units in all: 4.00, on the earlier of two equal lines", () => {
    const session = priceSession({ currency_code: "USD", lines: shirts, codes: [percentCode("ONCE", 10, { ...onShirts, allocation: "once" })] })
    expect(discountOf(session, "d_ONCE")).toMatchObject({ amount_total: 400, allocations: [{ line_id: "s1", amount: 400 }] })
  })

  it("takes the cheapest units first under once", () => {
    const lines = [line("dear", "m1", 5000, 2), line("cheap", "m1", 1000, 1), line("middle", "m1", 3000, 2)]
    const session = priceSession({ currency_code: "USD", lines, codes: [percentCode("ONCE", 50, { allocation: "once", max_quantity: 2 })] })
    expect(discountOf(session, "d_ONCE").allocations).toEqual([
      { discount_id: "d_ONCE", line_id: "cheap", amount: 500 },
      { discount_id: "d_ONCE", line_id: "middle", amount: 1500 },
    ])
  })

  it("takes a fixed value per unit, at most the unit's price", () => {
    const lines = [line("big", "m1", 2000, 3), line("small", "m1", 300, 5)]
    const session = priceSession({ currency_code: "USD", lines, codes: [fixedCode("FIVE", 500, { allocation: "each", max_quantity: 2 })] })
    expect(discountsOnLine(session, "big")).toEqual({ d_FIVE: 1000 })
    expect(discountsOnLine(session, "small")).toEqual({ d_FIVE: 600 })
  })

  it("caps a fixed value too large to multiply at what remains of the units", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("s1", "m1", 2000, 3)],
      codes: [fixedCode("HUGE", Number.MAX_SAFE_INTEGER, { allocation: "each", max_quantity: 2 })],
    })
    expect(discountOf(session, "d_HUGE").amount_total).toBe(4000)
  })

  it("counts units on what the manual discounts left of them", () => {
    // a cart-level 30.00 leaves 30.00 of the 3 × 20.00 line: 2 units are 20.00 of it, 10% is 2.00
    const session = priceSession({
      currency_code: "USD",
      lines: [line("s1", "m1", 2000, 3)],
      codes: [percentCode("EACH", 10, { allocation: "each", max_quantity: 2 })],
      manual: [cartManual("x", 3000)],
    })
    expect(discountOf(session, "d_EACH").amount_total).toBe(200)
  })
})

describe("priceSession: buy X get Y", () => {
  const capFree = (max_quantity: number, lines: string[] = ["shirts"]) =>
    percentCode("B2G1", 100, {
      target_line_ids: ["caps"],
      target_description: "items whose collection is Caps",
      max_quantity,
      buy_get: { ...buyGet(lines, 2, 1), description: "items whose type is Shirt" },
    })

  it("buy 2 shirts (20.00) get 1 cap (15.00) free: 3 shirts and 2 caps save 15.00, on one cap", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("shirts", "m1", 2000, 3), line("caps", "m1", 1500, 2)],
      codes: [capFree(1)],
    })
    expect(discountOf(session, "d_B2G1")).toMatchObject({ status: "APPLIED", amount_total: 1500, allocations: [{ line_id: "caps", amount: 1500 }] })
    expect(session.total).toBe(6000 + 3000 - 1500)
  })

  it("1 shirt and 2 caps save nothing: NOT_APPLICABLE, saying why", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("shirts", "m1", 2000, 1), line("caps", "m1", 1500, 2)],
      codes: [capFree(1)],
    })
    expect(discountOf(session, "d_B2G1")).toMatchObject({
      status: "NOT_APPLICABLE",
      amount_total: 0,
      message:
        "Code B2G1 does not apply: buy 2 of the items whose type is Shirt to get 1 of the items whose collection is Caps, " +
        "and the cart has too few (an item counted as bought is never discounted)",
    })
  })

  it("repeats up to max_quantity: with max_quantity 2, 4 shirts and 2 caps save 30.00", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("shirts", "m1", 2000, 4), line("caps", "m1", 1500, 2)],
      codes: [capFree(2)],
    })
    expect(discountOf(session, "d_B2G1").amount_total).toBe(3000)
  })

  it("buy 2 of {A 30.00, B 20.00, C 10.00}, get 1 A free, one unit of each: 30.00 (Medusa #13431)", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("A", "m1", 3000), line("B", "m1", 2000), line("C", "m1", 1000)],
      codes: [percentCode("ABC", 100, { target_line_ids: ["A"], max_quantity: 1, buy_get: buyGet(["A", "B", "C"], 2, 1) })],
    })
    expect(discountOf(session, "d_ABC")).toMatchObject({ amount_total: 3000, allocations: [{ line_id: "A", amount: 3000 }] })
  })

  it("takes a fixed value per unit, at most the unit's price, and a percentage of the units", () => {
    const lines = [line("shirts", "m1", 2000, 4), line("caps", "m1", 1500, 2)]
    const codes = [
      fixedCode("FIX", 2000, { target_line_ids: ["caps"], max_quantity: 2, buy_get: buyGet(["shirts"], 2, 1) }),
      percentCode("HALF", 50, { target_line_ids: ["caps"], max_quantity: 2, buy_get: buyGet(["shirts"], 2, 1) }),
    ]
    expect(discountOf(priceSession({ currency_code: "USD", lines, codes: [codes[0]] }), "d_FIX").amount_total).toBe(3000)
    expect(discountOf(priceSession({ currency_code: "USD", lines, codes: [codes[1]] }), "d_HALF").amount_total).toBe(1500)
  })

  it("counts bought units from its scope only", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("shirts", "m2", 2000, 2), line("caps", "m1", 1500)],
      codes: [percentCode("M1", 100, { merchant_id: "m1", target_line_ids: ["caps"], max_quantity: 1, buy_get: buyGet(["shirts"], 2, 1) })],
    })
    expect(discountOf(session, "d_M1").status).toBe("NOT_APPLICABLE")
  })
})

describe("priceSession: input of targets and units", () => {
  const lines = [line("l1", "m1", 1000)]
  const attempt = (extra: Partial<PricingCodeInput>) => () => priceSession({ currency_code: "USD", lines, codes: [percentCode("P", 10, extra)] })

  it.each([
    ["an unknown allocation", { allocation: "some" as "each", max_quantity: 1 }, "INVALID_INPUT", "codes[0].allocation"],
    ["each without max_quantity", { allocation: "each" as const }, "INVALID_INPUT", "codes[0].max_quantity"],
    ["across with max_quantity", { max_quantity: 2 }, "INVALID_INPUT", "codes[0].max_quantity"],
    ["a max_quantity of 0", { allocation: "once" as const, max_quantity: 0 }, "INVALID_INPUT", "codes[0].max_quantity"],
    ["an unknown target line", { target_line_ids: ["l9"] }, "LINE_NOT_FOUND", "codes[0].target_line_ids[0]"],
    ["target lines that are not a list", { target_line_ids: "l1" as unknown as string[] }, "INVALID_INPUT", "codes[0].target_line_ids"],
    ["buy_get with an allocation", { allocation: "each" as const, max_quantity: 1, buy_get: buyGet(["l1"], 1, 1) }, "INVALID_INPUT", "codes[0].allocation"],
    ["buy_get without max_quantity", { buy_get: buyGet(["l1"], 1, 1) }, "INVALID_INPUT", "codes[0].max_quantity"],
    ["buy_get with X of 0", { max_quantity: 1, buy_get: buyGet(["l1"], 0, 1) }, "INVALID_INPUT", "codes[0].buy_get.buy_min_quantity"],
    ["buy_get with Y of 0", { max_quantity: 1, buy_get: buyGet(["l1"], 1, 0) }, "INVALID_INPUT", "codes[0].buy_get.apply_to_quantity"],
    ["buy_get with an unknown line", { max_quantity: 1, buy_get: buyGet(["l2"], 1, 1) }, "LINE_NOT_FOUND", "codes[0].buy_get.buy_line_ids[0]"],
  ] as [string, Partial<PricingCodeInput>, string, string][])("refuses %s", (_name, extra, code, field) => {
    expect(attempt(extra)).toThrow(expect.objectContaining({ code, field }))
  })

  it("does not check the reach of a code the caller already rejected", () => {
    const session = attempt({ target_line_ids: ["gone"], eligibility: { status: "NOT_ELIGIBLE" } })()
    expect(discountOf(session, "d_P").status).toBe("NOT_ELIGIBLE")
  })
})
