import { planCodeAdditions, sessionCodesOf } from "../code-plan"

const existing = sessionCodesOf([
  { id: "d1", type: "CODE", code: "SAVE10", scope_merchant_id: null, is_primary: true },
  { id: "d2", type: "CODE", code: "ACME5", scope_merchant_id: "acme", is_primary: false },
  { id: "d3", type: "MANUAL", code: null, is_primary: false },
])

describe("planCodeAdditions", () => {
  it("adds only codes the session does not carry with the same scope, compared ignoring case", () => {
    const plan = planCodeAdditions(
      existing,
      [{ code: "save10" }, { code: "acme5", merchant_id: "acme" }, { code: "SAVE10", merchant_id: "globex" }, { code: "NEW" }, { code: "new" }],
      { maxCodes: 5 }
    )
    expect(plan.present.map((code) => code.id)).toEqual(["d1", "d2"])
    expect(plan.toCreate).toEqual([
      { code: "SAVE10", merchant_id: "globex" },
      { code: "NEW", merchant_id: null },
    ])
  })

  it("refuses going past the cap with TOO_MANY_CODES, counting codes about to be freed", () => {
    expect(() => planCodeAdditions(existing, [{ code: "A" }, { code: "B" }], { maxCodes: 3 })).toThrow(
      expect.objectContaining({ code: "TOO_MANY_CODES" })
    )
    expect(planCodeAdditions(existing, [{ code: "A" }, { code: "B" }], { maxCodes: 3, freed: 1 }).toCreate).toHaveLength(2)
    expect(planCodeAdditions(existing, [{ code: "save10" }], { maxCodes: 2 }).toCreate).toEqual([])
  })

  it("refuses a malformed code with COUPON_CODE_INVALID_FORMAT naming the field", () => {
    expect(() =>
      planCodeAdditions(existing, [{ code: "OK" }, { code: "not ok" }], { maxCodes: 5, field: (index) => `discounts[${index}].code` })
    ).toThrow(expect.objectContaining({ code: "COUPON_CODE_INVALID_FORMAT", message: expect.stringContaining("discounts[1].code") }))
  })
})
