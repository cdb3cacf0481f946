import fc from "fast-check"
import { priceSession } from ".."
import { LineIndexById } from "../line-index"
import { fixedCode, line, percentCode } from "./builders"
import { PricingError } from "../errors"

describe("LineIndexById", () => {
  it("finds every line of a large session by its id, and nothing else", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 0, maxLength: 3000 }), (ids) => {
        const index = new LineIndexById(ids.length)
        ids.forEach((id, position) => expect(index.add(id, position)).toBe(true))
        ids.forEach((id, position) => expect(index.get(id)).toBe(position))
        expect(index.get(`${ids[0] ?? ""}\u0000absent`)).toBeUndefined()
      }),
      { numRuns: 30 }
    )
  })

  it("says an id is already there, in whichever shard it falls", () => {
    const ids = Array.from({ length: 5000 }, (_, position) => `csli_${position.toString(36).padStart(8, "0")}`)
    const index = new LineIndexById(ids.length)
    ids.forEach((id, position) => index.add(id, position))
    for (const id of [ids[0], ids[2500], ids[4999]]) expect(index.add(id, 9999)).toBe(false)
    expect(index.add("csli_new", 5000)).toBe(true)
  })

  it("lets priceSession refuse a repeated id deep in a large session, and find item and target lines by id", () => {
    const lines = Array.from({ length: 4000 }, (_, position) => line(`l${position}`, `m${position % 7}`, 100 + position))
    const repeated = [...lines.slice(0, 3000), line("l17", "m1", 5), ...lines.slice(3000)]
    expect(() => priceSession({ currency_code: "USD", lines: repeated })).toThrow(
      expect.objectContaining({ code: "DUPLICATE_ID", field: "lines[3000].id" })
    )
    const priced = priceSession({
      currency_code: "USD",
      lines,
      codes: [{ ...percentCode("TARGET", 10), target_line_ids: ["l3999", "l2"] }, fixedCode("FIX", 100)],
      manual: [{ id: "hand", scope: "item", line_id: "l1234", amount: 50 }],
    })
    const discounted = priced.bags.flatMap((bag) => bag.lines).filter((each) => each.allocations.some((share) => share.discount_id === "d_TARGET"))
    expect(discounted.map((each) => each.id).sort()).toEqual(["l2", "l3999"])
    expect(priced.bags.flatMap((bag) => bag.lines).find((each) => each.id === "l1234")?.discount_total).toBe(50)
    expect(() => priceSession({ currency_code: "USD", lines, manual: [{ id: "x", scope: "item", line_id: "l4000", amount: 1 }] })).toThrow(PricingError)
  })
})
