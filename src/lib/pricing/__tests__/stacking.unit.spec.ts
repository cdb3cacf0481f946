import { priceSession } from ".."
import { discountOf, fixedCode, line, percentCode } from "./builders"

const oneBag = [line("l1", "m1", 10000)]

describe("stacking: codes in the same scope", () => {
  it("stacks combinable codes, higher priority first, each on what the previous left", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [percentCode("TEN", 10, { priority: 0 }), fixedCode("TENNER", 1000, { priority: 1 })],
    })
    expect(discountOf(session, "d_TENNER").amount_total).toBe(1000)
    expect(discountOf(session, "d_TEN").amount_total).toBe(900)
    expect(session.total).toBe(8100)
  })

  it("stacks combinable codes of equal priority in the order they were applied", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [percentCode("TEN", 10), fixedCode("TENNER", 1000)],
    })
    expect(discountOf(session, "d_TEN").amount_total).toBe(1000)
    expect(discountOf(session, "d_TENNER").amount_total).toBe(1000)
  })

  it("keeps the non-combinable code with the higher saving and names it to the loser", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [percentCode("TEN", 10), fixedCode("SOLO", 1500, { combinable: false, priority: -5 })],
    })
    expect(discountOf(session, "d_SOLO")).toMatchObject({ status: "APPLIED", amount_total: 1500 })
    expect(discountOf(session, "d_TEN")).toMatchObject({
      status: "NOT_COMBINABLE",
      amount_total: 0,
      allocations: [],
      message: "Code TEN cannot be combined with code SOLO, which was applied instead because it saves more",
    })
    expect(session.total).toBe(8500)
  })

  it("lets a combinable code with a higher saving exclude a non-combinable one", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [fixedCode("SOLO", 500, { combinable: false, priority: 9 }), percentCode("TEN", 10)],
    })
    expect(discountOf(session, "d_TEN").status).toBe("APPLIED")
    expect(discountOf(session, "d_SOLO")).toMatchObject({ status: "NOT_COMBINABLE", message: expect.stringContaining("code TEN") })
  })

  it("breaks a tie in saving by the higher priority", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [fixedCode("FIRST", 1000, { combinable: false }), percentCode("TEN", 10, { combinable: false, priority: 2 })],
    })
    expect(discountOf(session, "d_TEN").status).toBe("APPLIED")
    expect(discountOf(session, "d_FIRST")).toMatchObject({
      status: "NOT_COMBINABLE",
      message: "Code FIRST cannot be combined with code TEN, which was applied instead because it has a higher priority",
    })
  })

  it("breaks a tie in saving and priority by the earlier applied code", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [fixedCode("FIRST", 1000, { combinable: false }), percentCode("TEN", 10, { combinable: false })],
    })
    expect(discountOf(session, "d_FIRST").status).toBe("APPLIED")
    expect(discountOf(session, "d_TEN")).toMatchObject({
      status: "NOT_COMBINABLE",
      message: "Code TEN cannot be combined with code FIRST, which was applied instead because it was applied first",
    })
  })

  it("compares savings on the undiscounted subtotal, capping fixed codes at it", () => {
    // BIG would save 50.00 but is capped at the 40.00 bag; 90% saves 36.00
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 4000)],
      codes: [percentCode("NINETY", 90, { combinable: false }), fixedCode("BIG", 5000, { combinable: false })],
    })
    expect(discountOf(session, "d_BIG")).toMatchObject({ status: "APPLIED", amount_total: 4000 })
    expect(discountOf(session, "d_NINETY").status).toBe("NOT_COMBINABLE")
  })

  it("does not let a code that failed its own checks exclude others", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: oneBag,
      codes: [
        fixedCode("SOLO", 5000, { combinable: false, min_subtotal: 20000 }),
        fixedCode("GONE", 5000, { combinable: false, eligibility: { status: "EXPIRED" } }),
        percentCode("TEN", 10),
      ],
    })
    expect(discountOf(session, "d_SOLO").status).toBe("MIN_SUBTOTAL_NOT_MET")
    expect(discountOf(session, "d_GONE").status).toBe("EXPIRED")
    expect(discountOf(session, "d_TEN")).toMatchObject({ status: "APPLIED", amount_total: 1000 })
  })
})

describe("stacking: codes in different scopes", () => {
  const twoBags = [line("a1", "ma", 10000), line("b1", "mb", 10000)]

  it("lets non-combinable codes of different merchants both apply", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: twoBags,
      codes: [
        percentCode("MA", 10, { merchant_id: "ma", combinable: false }),
        percentCode("MB", 20, { merchant_id: "mb", combinable: false }),
      ],
    })
    expect(discountOf(session, "d_MA")).toMatchObject({ status: "APPLIED", amount_total: 1000 })
    expect(discountOf(session, "d_MB")).toMatchObject({ status: "APPLIED", amount_total: 2000 })
  })

  it("lets a non-combinable store-wide code with the higher saving exclude every merchant code", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: twoBags,
      codes: [
        percentCode("MA", 10, { merchant_id: "ma" }),
        percentCode("MB", 10, { merchant_id: "mb" }),
        fixedCode("ALL", 2500, { combinable: false }),
      ],
    })
    expect(discountOf(session, "d_ALL")).toMatchObject({ status: "APPLIED", amount_total: 2500 })
    expect(discountOf(session, "d_MA")).toMatchObject({ status: "NOT_COMBINABLE", message: expect.stringContaining("code ALL") })
    expect(discountOf(session, "d_MB").status).toBe("NOT_COMBINABLE")
  })

  it("drops a non-combinable store-wide code outranked by one merchant code, keeping the other merchants' codes", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: twoBags,
      codes: [
        fixedCode("ALL", 1500, { combinable: false }),
        percentCode("MA", 20, { merchant_id: "ma" }),
        percentCode("MB", 5, { merchant_id: "mb" }),
      ],
    })
    expect(discountOf(session, "d_MA")).toMatchObject({ status: "APPLIED", amount_total: 2000 })
    expect(discountOf(session, "d_MB")).toMatchObject({ status: "APPLIED", amount_total: 500 })
    expect(discountOf(session, "d_ALL")).toMatchObject({
      status: "NOT_COMBINABLE",
      message: "Code ALL cannot be combined with code MA, which was applied instead because it saves more",
    })
  })

  it("lets a non-combinable merchant code exclude a combinable store-wide code that saves less", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: twoBags,
      codes: [percentCode("ALL", 5), fixedCode("MA", 3000, { merchant_id: "ma", combinable: false })],
    })
    expect(discountOf(session, "d_MA").status).toBe("APPLIED")
    expect(discountOf(session, "d_ALL").status).toBe("NOT_COMBINABLE")
  })

  it("stacks a combinable store-wide code on top of combinable merchant codes", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: twoBags,
      codes: [percentCode("ALL", 10), fixedCode("MA", 2000, { merchant_id: "ma" })],
    })
    expect(discountOf(session, "d_MA").amount_total).toBe(2000)
    expect(discountOf(session, "d_ALL").amount_total).toBe(1800)
    expect(session.bags.map((bag) => bag.total)).toEqual([7200, 9000])
  })
})
