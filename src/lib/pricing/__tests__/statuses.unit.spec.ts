import { priceSession, type CallerDecidedStatus, type DiscountStatus } from ".."
import { cartManual, discountOf, fixedCode, line, percentCode } from "./builders"

describe("discount statuses", () => {
  it.each([
    ["INVALID", "Code X does not exist"],
    ["EXPIRED", "Code X has expired"],
    ["NOT_STARTED", "Code X is not active yet"],
    ["USAGE_LIMIT_REACHED", "Code X has reached its usage limit"],
    ["CUSTOMER_LIMIT_REACHED", "Code X has already been used the maximum number of times by this customer"],
    ["NOT_APPLICABLE", "Code X does not apply to this cart"],
    ["NOT_ELIGIBLE", "Code X is not available to this shopper"],
  ] as [CallerDecidedStatus, string][])("keeps the caller's %s with a default message", (status, message) => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 1000)],
      codes: [percentCode("X", 10, { eligibility: { status } })],
    })
    expect(discountOf(session, "d_X")).toMatchObject({ status, message, amount_total: 0, allocations: [] })
    expect(session.total).toBe(1000)
  })

  it("keeps the caller's NOT_ELIGIBLE and its message naming the rule", () => {
    const message = "Code X is only for customers whose customer group is Wholesale"
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 1000)],
      codes: [percentCode("X", 10, { eligibility: { status: "NOT_ELIGIBLE", message } })],
    })
    expect(discountOf(session, "d_X")).toMatchObject({ status: "NOT_ELIGIBLE", message, amount_total: 0 })
    expect(session.total).toBe(1000)
  })

  it("keeps the caller's own message for a status it decided", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 1000)],
      codes: [percentCode("X", 10, { eligibility: { status: "EXPIRED", message: "Code X ended on 1 May" } })],
    })
    expect(discountOf(session, "d_X").message).toBe("Code X ended on 1 May")
  })

  it("does not check the value of a code the caller already rejected", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 1000)],
      codes: [{ id: "d", code: "NOPE", merchant_id: null, value_type: "fixed", value: 0, combinable: true, eligibility: { status: "INVALID" } }],
    })
    expect(discountOf(session, "d").status).toBe("INVALID")
  })

  it("gives every status a human message, and only APPLIED discounts reduce the total", () => {
    const caller: CallerDecidedStatus[] = ["INVALID", "EXPIRED", "NOT_STARTED", "USAGE_LIMIT_REACHED", "CUSTOMER_LIMIT_REACHED"]
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 10000), line("l2", "m2", 1000)],
      codes: [
        ...caller.map((status) => percentCode(status, 50, { eligibility: { status } })),
        percentCode("SMALLBAG", 50, { merchant_id: "m2", min_subtotal: 5000 }),
        percentCode("ELSEWHERE", 50, { merchant_id: "m9" }),
        fixedCode("SOLO", 2000, { merchant_id: "m1", combinable: false }),
        fixedCode("LOSER", 1000, { merchant_id: "m1" }),
      ],
      manual: [cartManual("staff", 100)],
    })
    const statuses = new Set<DiscountStatus>(session.discounts.map((discount) => discount.status))
    expect([...statuses].sort()).toEqual(
      [...caller, "APPLIED", "MIN_SUBTOTAL_NOT_MET", "NOT_APPLICABLE", "NOT_COMBINABLE"].sort()
    )
    for (const discount of session.discounts) {
      expect(discount.message.length).toBeGreaterThan(10)
      if (discount.status !== "APPLIED") expect(discount.amount_total).toBe(0)
    }
    const appliedTotal = session.discounts
      .filter((discount) => discount.status === "APPLIED")
      .reduce((sum, discount) => sum + discount.amount_total, 0)
    expect(appliedTotal).toBe(2100)
    expect(session.discount_total).toBe(2100)
  })

  it("lists codes in applied order, then manual discounts in input order", () => {
    const session = priceSession({
      currency_code: "USD",
      lines: [line("l1", "m1", 10000)],
      codes: [fixedCode("B", 100, { priority: 0 }), fixedCode("A", 100, { priority: 5 })],
      manual: [cartManual("z", 1), cartManual("y", 1)],
    })
    expect(session.discounts.map((discount) => discount.id)).toEqual(["d_B", "d_A", "z", "y"])
    expect(session.discounts.map((discount) => discount.type)).toEqual(["CODE", "CODE", "MANUAL", "MANUAL"])
  })
})
