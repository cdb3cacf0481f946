import fc from "fast-check"
import { parseStringifyIfNecessary } from "@medusajs/framework/utils"
import { seal, unseal } from "../sealed"

describe("seal and unseal", () => {
  it("hand a step what the workflow engine's own copy would, for the values a session holds", () => {
    // Strings, finite numbers, booleans, null and Dates; undefined as an object's property (never as an array's item).
    const leaf = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true })
    )
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }), tie("object")),
      object: fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(tie("node"), fc.constant(undefined)), { maxKeys: 5, noNullPrototype: true }),
    }))
    fc.assert(
      fc.property(value.object, (input) => {
        expect(unseal(seal(input))).toEqual(parseStringifyIfNecessary(input))
      }),
      { numRuns: 2_000 }
    )
  })

  it("gives each step a copy of its own: what one step changes, the next does not see", () => {
    const session = { id: "cs_1", items: [{ id: "l1", quantity: 1 }], discounts: [] as string[] }
    const sealed = seal(session)
    const first = unseal(sealed)
    first.items[0].quantity = 5
    first.discounts.push("d1")
    expect(unseal(sealed)).toEqual({ id: "cs_1", items: [{ id: "l1", quantity: 1 }], discounts: [] })
  })
})
