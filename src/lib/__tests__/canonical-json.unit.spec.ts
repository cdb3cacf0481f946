import fc from "fast-check"
import { canonicalJson, sameJson } from "../canonical-json"

describe("canonicalJson and sameJson", () => {
  it("sorts keys at every depth and leaves out undefined properties", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":2,"y":1}]},"b":1}')
  })

  it("tells values equal whatever the order of their keys, and different when any value differs", () => {
    const stored = { id: "l1", allocations: [{ discount_id: "d1", amount: 250 }], quantity: 2 }
    const reordered = { quantity: 2, id: "l1", allocations: [{ amount: 250, discount_id: "d1" }] }
    expect(sameJson(stored, { ...stored })).toBe(true)
    expect(sameJson(stored, reordered)).toBe(true)
    expect(sameJson(stored, { ...reordered, quantity: 3 })).toBe(false)
    expect(sameJson(stored, { ...stored, allocations: [{ discount_id: "d1", amount: 251 }] })).toBe(false)
    // Order inside arrays matters: allocations are listed in line order.
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false)
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true)
  })

  it("answers as comparing the two canonical forms would, for any JSON-like values, reordered or changed", () => {
    // Values JSON takes, with undefined properties and Dates among them.
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true })),
      node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("node"), { maxKeys: 4 })),
    })).node
    /** The same value with every object's keys in reverse order. */
    const reordered = (input: unknown): unknown =>
      Array.isArray(input)
        ? input.map(reordered)
        : input !== null && typeof input === "object" && !(input instanceof Date)
          ? Object.fromEntries(Object.entries(input).reverse().map(([name, inner]) => [name, reordered(inner)]))
          : input
    fc.assert(
      fc.property(value, value, fc.boolean(), (left, other, reorder) => {
        const right = reorder ? reordered(left) : other
        expect(sameJson(left, right)).toBe(canonicalJson(left) === canonicalJson(right))
        expect(sameJson(right, left)).toBe(canonicalJson(left) === canonicalJson(right))
      }),
      { numRuns: 2000 }
    )
  })

  it("tells a key that is missing from one that is undefined apart only by JSON's rules, and a Date by its ISO string", () => {
    const when = new Date("2026-12-07T00:00:00.000Z")
    expect(sameJson({ at: when }, { at: "2026-12-07T00:00:00.000Z" })).toBe(true)
    expect(sameJson({ a: undefined, b: 1 }, { b: 1, c: undefined })).toBe(true)
    expect(sameJson({ a: null }, {})).toBe(false)
    expect(sameJson([undefined], [null])).toBe(true)
    expect(sameJson({ a: [] }, { a: {} })).toBe(false)
  })
})
