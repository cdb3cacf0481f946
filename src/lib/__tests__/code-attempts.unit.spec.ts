import fc from "fast-check"
import {
  attemptsExceededMessage,
  clientKeyOf,
  codeAttemptsOptionSchema,
  failedCodeCount,
  retryAfterSeconds,
} from "../code-attempts"
import { parsePluginOptions } from "../plugin-options"

describe("code attempts: what counts as a failed attempt", () => {
  it("counts a code every row of which is INVALID, ignoring case", () => {
    expect(failedCodeCount(["nope"], [{ code: "NOPE", status: "INVALID" }])).toBe(1)
    expect(failedCodeCount([" Nope "], [{ code: "nope", status: "INVALID" }])).toBe(1)
  })

  it("does not count a code that exists, whatever it answers", () => {
    for (const status of ["APPLIED", "PENDING", "NOT_STARTED", "EXPIRED", "MIN_SUBTOTAL_NOT_MET", "USAGE_LIMIT_REACHED",
      "CUSTOMER_LIMIT_REACHED", "NOT_COMBINABLE", "NOT_APPLICABLE", "NOT_ELIGIBLE"]) {
      expect(failedCodeCount(["SAVE10"], [{ code: "SAVE10", status }])).toBe(0)
    }
  })

  it("does not count a code that exists for one merchant though another row of it is INVALID", () => {
    const outcomes = [
      { code: "SHARED", status: "INVALID" },
      { code: "shared", status: "APPLIED" },
    ]
    expect(failedCodeCount(["SHARED"], outcomes)).toBe(0)
  })

  it("counts each code of a request on its own, and not a code the answer does not carry", () => {
    const outcomes = [
      { code: "A", status: "INVALID" },
      { code: "B", status: "APPLIED" },
      { code: "C", status: "INVALID" },
      { code: null, status: "APPLIED" },
    ]
    expect(failedCodeCount(["a", "b", "c", "gone"], outcomes)).toBe(2)
  })

  it("never counts more failures than codes asked", () => {
    const status = fc.constantFrom("INVALID", "APPLIED", "EXPIRED")
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 6 }), fc.array(fc.record({ code: fc.option(fc.string({ maxLength: 4 })), status })), (codes, outcomes) => {
        const failed = failedCodeCount(codes, outcomes)
        return failed >= 0 && failed <= codes.length
      })
    )
  })
})

describe("code attempts: the client's key", () => {
  it("keeps an IPv4 address and unwraps an IPv4-mapped IPv6 one", () => {
    expect(clientKeyOf("203.0.113.7")).toBe("203.0.113.7")
    expect(clientKeyOf("::ffff:203.0.113.7")).toBe("203.0.113.7")
  })

  it("counts an IPv6 address by its /64, however it is written", () => {
    expect(clientKeyOf("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64")
    expect(clientKeyOf("2001:0DB8:0000:0001:ffff:1:2:3")).toBe("2001:db8:0:1::/64")
    expect(clientKeyOf("2001:db8::1")).toBe("2001:db8:0:0::/64")
    expect(clientKeyOf("::1")).toBe("0:0:0:0::/64")
    expect(clientKeyOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64")
  })

  it("gives every address of one /64 the same key, and different /64s different keys", () => {
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16))
    fc.assert(
      fc.property(fc.array(hextet, { minLength: 8, maxLength: 8 }), fc.array(hextet, { minLength: 4, maxLength: 4 }), (address, host) => {
        const other = [...address.slice(0, 4), ...host]
        return clientKeyOf(address.join(":")) === clientKeyOf(other.join(":"))
      })
    )
    expect(clientKeyOf("2001:db8:0:1::5")).not.toBe(clientKeyOf("2001:db8:0:2::5"))
  })

  it("has no key without an address; a store's own non-IP answer is kept, bounded", () => {
    expect(clientKeyOf(undefined)).toBeNull()
    expect(clientKeyOf(null)).toBeNull()
    expect(clientKeyOf("  ")).toBeNull()
    expect(clientKeyOf("visitor-42")).toBe("visitor-42")
    expect(clientKeyOf(["203.0.113.9", "198.51.100.1"])).toBe("203.0.113.9")
    expect(clientKeyOf([])).toBeNull()
    expect(clientKeyOf("x".repeat(500))).toHaveLength(200)
  })
})

describe("code attempts: when to retry", () => {
  it("is the whole seconds left of the window, at least 1", () => {
    const start = new Date("2026-12-06T16:00:00.000Z")
    expect(retryAfterSeconds(start, 900, new Date("2026-12-06T16:00:00.000Z"))).toBe(900)
    expect(retryAfterSeconds(start, 900, new Date("2026-12-06T16:05:00.500Z"))).toBe(600)
    expect(retryAfterSeconds(start, 900, new Date("2026-12-06T16:14:59.999Z"))).toBe(1)
    expect(retryAfterSeconds(start, 900, new Date("2026-12-06T17:00:00.000Z"))).toBe(1)
  })

  it("says which limit and when, in words", () => {
    expect(attemptsExceededMessage("session", 10, 900, 840)).toBe(
      "Too many codes that do not exist were tried from this cart session (at most 10 in 15 minutes); try again in 14 minutes"
    )
    expect(attemptsExceededMessage("session", 10, 900, 841)).toMatch(/try again in 15 minutes$/)
    expect(attemptsExceededMessage("session", 10, 7200, 3600)).toMatch(/at most 10 in 2 hours\); try again in 1 hour$/)
    expect(attemptsExceededMessage("client", 30, 3600, 61)).toBe(
      "Too many codes that do not exist were tried from this client address (at most 30 in 1 hour); try again in 61 seconds"
    )
  })
})

describe("code attempts: the option", () => {
  it("is off unless given", () => {
    expect(parsePluginOptions({}).codeAttempts).toBeUndefined()
  })

  it("takes per session, per client or both, with a 15-minute window by default", () => {
    expect(parsePluginOptions({ codeAttempts: { perSession: 10 } }).codeAttempts).toEqual({ perSession: 10, windowSeconds: 900 })
    const clientAddress = () => "1.2.3.4"
    expect(codeAttemptsOptionSchema.parse({ perClient: 30, windowSeconds: 60, clientAddress })).toEqual({
      perClient: 30,
      windowSeconds: 60,
      clientAddress,
    })
  })

  it("stops the start with a message naming what is wrong", () => {
    expect(() => parsePluginOptions({ codeAttempts: {} })).toThrow(
      /"codeAttempts": give perSession, perClient or both \(leave codeAttempts out to count nothing\)/
    )
    expect(() => parsePluginOptions({ codeAttempts: { perSession: 0 } })).toThrow(/"codeAttempts\.perSession": .*>=1/)
    expect(() => parsePluginOptions({ codeAttempts: { perSession: 2.5 } })).toThrow(/"codeAttempts\.perSession": .*expected int/)
    expect(() => parsePluginOptions({ codeAttempts: { perClient: 5, windowSeconds: "900" } })).toThrow(/"codeAttempts\.windowSeconds": .*expected number/)
    expect(() => parsePluginOptions({ codeAttempts: { perClient: 5, clientAddress: "x-forwarded-for" } })).toThrow(
      /"codeAttempts\.clientAddress": must be a function/
    )
    expect(() => parsePluginOptions({ codeAttempts: { per_session: 5, perClient: 5 } })).toThrow(
      /unknown option\(s\) "per_session" in "codeAttempts"/
    )
  })
})
