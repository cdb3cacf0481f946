import { isDeepStrictEqual } from "util"
import fc from "fast-check"
import { canonicalJson, requestFingerprint, requestScope } from "../idempotent-route"

const runs = { numRuns: 300 }

/** The same JSON value with the keys of every object in another order. */
function reorderKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => reorderKeys(item, order))
  }
  if (value !== null && typeof value === "object") {
    const source = value as Record<string, unknown>
    return Object.fromEntries(order(Object.keys(source)).map((key) => [key, reorderKeys(source[key], order)]))
  }
  return value
}

/** Every place in a JSON value where a leaf (primitive, empty array or object) sits. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value) && value.length) {
    return value.flatMap((item, index) => leafPaths(item, [...path, index]))
  }
  if (value !== null && typeof value === "object" && Object.keys(value).length) {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]))
  }
  return [path]
}

/** A JSON value that differs from `leaf` (another type or another value of its type). */
function changed(leaf: unknown): unknown {
  if (typeof leaf === "number") return leaf === 0 ? 1 : -leaf
  if (typeof leaf === "string") return `${leaf}x`
  if (typeof leaf === "boolean") return !leaf
  if (leaf === null) return 0
  return Array.isArray(leaf) ? [null] : { added: null }
}

function withLeafChanged(value: unknown, path: (string | number)[]): unknown {
  if (!path.length) {
    return changed(value)
  }
  const [step, ...rest] = path
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) }
  // defineProperty, not assignment: a parsed body may have an own "__proto__" key
  Object.defineProperty(copy, step, {
    value: withLeafChanged(copy[step], rest),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

/** JSON values as a parsed request body holds them (no -0: JSON.stringify writes it as 0). */
const jsonValue = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)))

describe("canonicalJson", () => {
  it("writes object keys sorted at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'
    )
  })

  it("gives the same text whatever the order of the keys", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const reversed = reorderKeys(value, (keys) => [...keys].reverse())
        const sorted = reorderKeys(value, (keys) => [...keys].sort())
        expect(canonicalJson(reversed)).toBe(canonicalJson(value))
        expect(canonicalJson(sorted)).toBe(canonicalJson(value))
      }),
      runs
    )
  })

  it("changes with any change of a value, anywhere in the body", () => {
    const valueAndLeaf = jsonValue.chain((value) =>
      fc.tuple(fc.constant(value), fc.constantFrom(...leafPaths(value)))
    )
    fc.assert(
      fc.property(valueAndLeaf, ([value, path]) => {
        expect(canonicalJson(withLeafChanged(value, path))).not.toBe(canonicalJson(value))
      }),
      runs
    )
  })

  it("is equal for two bodies exactly when they are the same JSON value", () => {
    fc.assert(
      fc.property(jsonValue, jsonValue, (first, second) => {
        expect(canonicalJson(first) === canonicalJson(second)).toBe(isDeepStrictEqual(first, second))
      }),
      runs
    )
  })

  it("tells apart values JSON tells apart: types, array order, null and an absent key", () => {
    const distinct = [{ a: 1 }, { a: "1" }, { a: true }, { a: null }, {}, { a: [1, 2] }, { a: [2, 1] }, { a: {} }, []]
    const texts = distinct.map(canonicalJson)
    expect(new Set(texts).size).toBe(distinct.length)
  })

  it("reads a missing body as null", () => {
    expect(canonicalJson(undefined)).toBe("null")
  })
})

describe("requestFingerprint", () => {
  const body = { region_id: "reg_1", items: [{ variant_id: "variant_1", quantity: 2 }] }
  const fingerprint = requestFingerprint("POST", "/store/cart-sessions", body)

  it("is a sha256 in hex, the same for the same request with its keys in another order", () => {
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(
      requestFingerprint("POST", "/store/cart-sessions", {
        items: [{ quantity: 2, variant_id: "variant_1" }],
        region_id: "reg_1",
      })
    ).toBe(fingerprint)
  })

  it("differs for another method, path or body", () => {
    expect(requestFingerprint("DELETE", "/store/cart-sessions", body)).not.toBe(fingerprint)
    expect(requestFingerprint("POST", "/store/cart-sessions/cs_1/price", body)).not.toBe(fingerprint)
    expect(
      requestFingerprint("POST", "/store/cart-sessions", { ...body, items: [{ variant_id: "variant_1", quantity: 3 }] })
    ).not.toBe(fingerprint)
  })

  it("ignores the case of the method and a trailing slash of the path", () => {
    expect(requestFingerprint("post", "/store/cart-sessions/", body)).toBe(fingerprint)
  })
})

describe("requestScope", () => {
  it("is the authenticated customer, so shoppers never share stored responses", () => {
    expect(requestScope({ auth_context: { actor_type: "customer", actor_id: "cus_1" } })).toBe("customer:cus_1")
    expect(requestScope({ auth_context: { actor_type: "customer", actor_id: "cus_2" } })).toBe("customer:cus_2")
  })

  it("is anonymous without an authenticated actor", () => {
    expect(requestScope({})).toBe("anonymous")
    expect(requestScope({ auth_context: { actor_type: "customer", actor_id: "" } })).toBe("anonymous")
  })

  it("keeps anonymous shoppers of different storefronts (publishable keys) apart", () => {
    const first = requestScope({ publishable_key_context: { key: "pk_one", sales_channel_ids: [] } })
    const second = requestScope({ publishable_key_context: { key: "pk_two", sales_channel_ids: [] } })
    expect(first).toMatch(/^anonymous:[0-9a-f]{32}$/)
    expect(second).toMatch(/^anonymous:[0-9a-f]{32}$/)
    expect(first).not.toBe(second)
    expect(requestScope({ publishable_key_context: { key: "pk_one", sales_channel_ids: [] } })).toBe(first)
  })

  it("keeps other actors (an admin user) apart from customers", () => {
    expect(requestScope({ auth_context: { actor_type: "user", actor_id: "user_1" } })).toBe("user:user_1")
  })
})
