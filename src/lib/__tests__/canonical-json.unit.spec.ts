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
})
