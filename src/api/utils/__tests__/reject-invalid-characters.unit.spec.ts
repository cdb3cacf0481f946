import { findInvalidCharacter, rejectInvalidCharacters, undecodablePathErrorHandler } from "../reject-invalid-characters"

/** A request and a response as the middleware reads and writes them. */
function exchange(originalUrl: string, body: unknown = undefined, query: unknown = {}) {
  const sent: { status?: number; body?: any } = {}
  const res: any = {
    headersSent: false,
    status(code: number) {
      sent.status = code
      return res
    },
    json(payload: unknown) {
      sent.body = payload
      return res
    },
  }
  return { req: { originalUrl, body, query } as any, res, sent }
}

describe("findInvalidCharacter", () => {
  it("finds a NUL or an unpaired surrogate in values and keys, and where; a surrogate pair is text", () => {
    expect(findInvalidCharacter({ items: [{ variant_id: "v\u0000" }] })).toEqual({ path: ["items", "0", "variant_id"], problem: "nul" })
    expect(findInvalidCharacter({ metadata: { "\udc00": 1 } })).toEqual({ path: ["metadata", "\udc00"], problem: "surrogate" })
    expect(findInvalidCharacter({ note: "a\ud800" })).toEqual({ path: ["note"], problem: "surrogate" })
    expect(findInvalidCharacter({ note: "😀 Ω \u202e" })).toBeUndefined()
  })
})

describe("rejectInvalidCharacters", () => {
  it("refuses an object with its own toString or valueOf, in the body or the query, in the host's validator shape", () => {
    for (const [body, query, field] of [
      [{ code: { toString: "x" } }, {}, "code.toString"],
      [{}, { limit: { valueOf: "1" } }, "limit.valueOf"],
    ] as const) {
      const { req, res, sent } = exchange("/admin/coupons", body, query)
      rejectInvalidCharacters(req, res, jest.fn())
      expect(sent).toEqual({
        status: 400,
        body: {
          type: "invalid_data",
          message: `Invalid request: Field '${field}' is not accepted (an object may not have its own toString or valueOf)`,
        },
      })
    }
  })

  it.each([
    ["/store/cart-sessions/%E0%A4%A", undefined, "The path \"/store/cart-sessions/%E0%A4%A\" is not valid percent-encoded UTF-8"],
    ["/store/cart-sessions/%ED%A0%80", undefined, "The path \"/store/cart-sessions/%ED%A0%80\" is not valid percent-encoded UTF-8"],
    ["/store/cart-sessions/a%00", undefined, "Field 'path' must not contain NUL characters (\\u0000)"],
    ["/store/cart-sessions", { metadata: { a: "\ud800" } }, "Field 'metadata.a' must not contain an unpaired UTF-16 surrogate (\\ud800-\\udfff)"],
  ])("refuses %s with 400 INVALID_CHARACTERS", (url, body, message) => {
    const { req, res, sent } = exchange(url, body)
    const next = jest.fn()
    rejectInvalidCharacters(req, res, next)
    expect(next).not.toHaveBeenCalled()
    expect(sent).toEqual({ status: 400, body: { type: "invalid_data", code: "INVALID_CHARACTERS", message } })
  })

  it("lets everything else through", () => {
    const { req, res, sent } = exchange("/store/cart-sessions/csess_1?q=%C3%A9", { code: "ÉTÉ-😀" }, { q: "é" })
    const next = jest.fn()
    rejectInvalidCharacters(req, res, next)
    expect(next).toHaveBeenCalledTimes(1)
    expect(sent).toEqual({})
  })
})

describe("undecodablePathErrorHandler", () => {
  const routerError = () => Object.assign(new URIError("Failed to decode param '%'"), { status: 400, statusCode: 400 })

  it("answers the router's decoding failure under the plugin's prefixes with 400 INVALID_CHARACTERS", () => {
    const { req, res, sent } = exchange("/admin/coupons/%")
    undecodablePathErrorHandler(["/admin/coupons"])(routerError(), req, res, jest.fn())
    expect(sent).toEqual({
      status: 400,
      body: { type: "invalid_data", code: "INVALID_CHARACTERS", message: 'The path "/admin/coupons/%" is not valid percent-encoded UTF-8' },
    })
  })

  it("leaves other paths and other errors to the host's handler", () => {
    for (const [url, error] of [
      ["/admin/products/%", routerError()],
      ["/admin/coupons/x", new Error("boom")],
    ] as const) {
      const { req, res, sent } = exchange(url)
      req.scope = { resolve: () => ({ error: jest.fn(), info: jest.fn() }) }
      res.setHeader = jest.fn()
      undecodablePathErrorHandler(["/admin/coupons"])(error, req, res, jest.fn())
      expect(sent.body?.code).not.toBe("INVALID_CHARACTERS")
    }
  })
})
