import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  answerProblem,
  createHardeningStore,
  discountIdsOf,
  HardeningStore,
  lineIdsOf,
  pluginTablesSnapshot,
  PluginTablesSnapshot,
} from "../helpers/hardening"
import { RawAnswer, rawRequest } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { middlewareRouteKeys, pluginRoutes, routeKey } from "../helpers/plugin-routes"

/**
 * Generated malformed requests over every store and admin route of the plugin, against one booted
 * host (docs/errors.md). `npm test` sends a few per route; `npm run test:fuzz` sends
 * CHECKOUT_DISCOUNTS_FUZZ_RUNS (1,000 unless told) in all. A failure prints its seed: replay it with
 * CHECKOUT_DISCOUNTS_FUZZ_SEED=<seed> npm run test:fuzz.
 */
const TOTAL_RUNS = Number(process.env.CHECKOUT_DISCOUNTS_FUZZ_RUNS || 0) || 135
const SEED = Number(process.env.CHECKOUT_DISCOUNTS_FUZZ_SEED || 0) || (Date.now() ^ (Math.random() * 0x7fffffff)) | 0

jest.setTimeout(Math.max(300_000, TOTAL_RUNS * 1_500))

/** A request as generated: every part of it may be malformed. */
type FuzzRequest = {
  route: string
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

type Pools = {
  session: fc.Arbitrary<string>
  line: fc.Arbitrary<string>
  discount: fc.Arbitrary<string>
  code: fc.Arbitrary<string>
  coupon: fc.Arbitrary<string>
  variant: fc.Arbitrary<string>
  merchant: fc.Arbitrary<string>
  customer: fc.Arbitrary<string>
  region: fc.Arbitrary<string>
  salesChannel: fc.Arbitrary<string>
}

type Fields = Record<string, fc.Arbitrary<unknown>>

/** Per route, where its path parameters come from and the fields of its body and query, valid values first. */
type RouteInput = {
  params?: Record<string, keyof Pools>
  body?: (pools: Pools) => Fields
  query?: (pools: Pools) => Fields
}

// ---- hostile values ----

const SQL_AND_JSON_INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE cart_session; --",
  "') OR ('a'='a",
  "%' OR 1=1 --",
  "\\'; SELECT pg_sleep(1); --",
  "$1",
  '{"$gt":""}',
  '{"__proto__":{"admin":true}}',
  "[]",
  "null",
  "${7*7}",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "\r\nX-Injected: yes",
]
const STRANGE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202eevil",
  "😀".repeat(20),
  "ｓａｖｅ１０",
  "SAVE10 ",
  "save10",
  "A".repeat(51),
  "B".repeat(50),
  "__proto__",
  "constructor",
  "NaN",
  "-0",
  "1e309",
]

const hugeString = fc.constantFrom(2_000, 20_000, 150_000).map((length) => "Ω".repeat(length))
const hostileString = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SQL_AND_JSON_INJECTIONS, ...STRANGE_STRINGS) },
  { weight: 5, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 60, maxLength: 300 }) },
  { weight: 1, arbitrary: hugeString }
)
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1.5, -0.0001, 1e-7, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, 3e9, 1001, 1e15, -2147483649),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer()
)
const wrongType = fc.constantFrom<unknown>(
  null,
  true,
  false,
  [],
  {},
  [1, "a"],
  { $gt: "" },
  { $ne: null },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { toString: "x", valueOf: 1 },
  "1"
)
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
)

/** Ids of someone else or no one: an unknown id, of another kind, or hostile text. */
const strangerId = fc.oneof(
  fc.constantFrom("csess_01JZZZZZZZZZZZZZZZZZZZZZZZ", "cpn_01JZZZZZZZZZZZZZZZZZZZZZZZ", "cali_unknown", "cus_unknown", "reg_x"),
  fc.uuid(),
  hostileString.filter((text) => text.length <= 2_000)
)

// ---- the routes ----

const version = fc.integer({ min: 1, max: 4 })
const items = (pools: Pools) => fc.array(fc.record({ variant_id: pools.variant, quantity: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 })
const couponFields = (pools: Pools): Fields => ({
  code: fc.stringMatching(/^[A-Z0-9]{3,12}$/),
  name: fc.string({ maxLength: 20 }),
  value_type: fc.constantFrom("percentage", "fixed"),
  value: fc.integer({ min: 1, max: 50 }),
  currency_code: fc.constant("usd"),
  merchant_id: pools.merchant,
  starts_at: fc.constant("2026-01-01T00:00:00Z"),
  ends_at: fc.constant("2099-01-01T00:00:00Z"),
  min_subtotal: fc.integer({ min: 0, max: 100 }),
  usage_limit: fc.integer({ min: 1, max: 10 }),
  usage_limit_per_customer: fc.integer({ min: 1, max: 3 }),
  combinable: fc.boolean(),
  priority: fc.integer({ min: -5, max: 5 }),
  is_active: fc.boolean(),
  metadata: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  rules: fc.constant([{ attribute: "customer.id", operator: "in", values: [] }]),
  target_type: fc.constantFrom("items", "shipping_methods"),
  type: fc.constantFrom("standard", "buyget"),
  allocation: fc.constantFrom("across", "each", "once"),
  max_quantity: fc.integer({ min: 1, max: 5 }),
  is_automatic: fc.boolean(),
})
const listQuery = (orders: string[]): Fields => ({
  limit: fc.integer({ min: 1, max: 100 }),
  offset: fc.integer({ min: 0, max: 10 }),
  order: fc.constantFrom(...orders),
  q: fc.string({ maxLength: 10 }),
  fields: fc.constantFrom("id", "*", "+code", "id,code"),
})

const SESSION = { id: "session" } as const

export const ROUTE_INPUTS: Record<string, RouteInput> = {
  "POST /store/cart-sessions": {
    body: (pools) => ({
      region_id: pools.region,
      currency_code: fc.constant("usd"),
      sales_channel_id: pools.salesChannel,
      email: fc.emailAddress(),
      items: items(pools),
      discounts: fc.array(fc.record({ code: pools.code }), { maxLength: 2 }),
      metadata: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    }),
  },
  "GET /store/cart-sessions/:id": { params: SESSION },
  "POST /store/cart-sessions/:id": {
    params: SESSION,
    body: () => ({
      email: fc.emailAddress(),
      shipping_address: fc.record({ country_code: fc.constantFrom("us", "de", "zz"), city: fc.string({ maxLength: 10 }) }),
      version,
    }),
  },
  "GET /store/cart-sessions/:id/shipping-options": { params: SESSION },
  "POST /store/cart-sessions/:id/shipping-methods": {
    params: SESSION,
    body: (pools) => ({ merchant_id: pools.merchant, option_id: fc.constantFrom("so_unknown", "so_x"), version }),
  },
  "POST /store/cart-sessions/:id/line-items": {
    params: SESSION,
    body: (pools) => ({ variant_id: pools.variant, quantity: fc.integer({ min: 1, max: 3 }), version }),
  },
  "PATCH /store/cart-sessions/:id/line-items/:line_id": {
    params: { id: "session", line_id: "line" },
    body: () => ({ quantity: fc.integer({ min: 0, max: 3 }), version }),
  },
  "DELETE /store/cart-sessions/:id/line-items/:line_id": { params: { id: "session", line_id: "line" }, body: () => ({ version }) },
  "POST /store/cart-sessions/:id/add-ons": {
    params: SESSION,
    body: (pools) => ({ add_on_id: pools.variant, selected: fc.boolean(), version }),
  },
  "POST /store/cart-sessions/:id/discount-code": {
    params: SESSION,
    body: (pools) => ({ code: fc.option(pools.code), version }),
  },
  "POST /store/cart-sessions/:id/coupons": {
    params: SESSION,
    body: (pools) => ({ code: pools.code, merchant_id: pools.merchant, validate_only: fc.boolean(), version }),
  },
  "DELETE /store/cart-sessions/:id/coupons/:code": { params: { id: "session", code: "code" }, body: () => ({ version }) },
  "DELETE /store/cart-sessions/:id/discounts/:discount_id": {
    params: { id: "session", discount_id: "discount" },
    body: () => ({ version }),
  },
  "POST /store/cart-sessions/:id/price": { params: SESSION, body: () => ({ version }) },
  "POST /store/cart-sessions/:id/convert": { params: SESSION, body: () => ({ version }) },

  "GET /admin/cart-sessions": {
    query: (pools) => ({
      ...listQuery(["-created_at", "created_at", "email", "-updated_at"]),
      status: fc.constantFrom("open", "converted,expired", "nope"),
      customer_id: pools.customer,
      email: fc.emailAddress(),
      "created_at[$gte]": fc.constantFrom("2026-01-01T00:00:00Z", "2026-01-01"),
      has_codes: fc.constantFrom("true", "false"),
      has_manual_discounts: fc.constantFrom("true", "false"),
    }),
  },
  "GET /admin/cart-sessions/:id": { params: SESSION },
  "POST /admin/cart-sessions/:id/manual-discounts": {
    params: SESSION,
    body: (pools) => ({
      cart: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 20 }), name: fc.string({ minLength: 1, maxLength: 10 }) }), {
        maxLength: 2,
      }),
      items: fc.array(
        fc.record({ line_item_id: pools.line, amount: fc.integer({ min: 1, max: 20 }), name: fc.constant("goodwill") }),
        { maxLength: 2 }
      ),
      version,
    }),
  },
  "DELETE /admin/cart-sessions/:id/manual-discounts": { params: SESSION, body: () => ({ version }) },
  "GET /admin/coupon-rule-attributes": {},
  "GET /admin/coupons": {
    query: (pools) => ({
      ...listQuery(["-created_at", "code", "-value"]),
      merchant_id: pools.merchant,
      is_active: fc.constantFrom("true", "false"),
    }),
  },
  "POST /admin/coupons": { body: couponFields },
  "POST /admin/coupons/generate": {
    body: (pools) => ({
      ...couponFields(pools),
      code: fc.constant(undefined),
      prefix: fc.stringMatching(/^[A-Z]{0,4}$/),
      count: fc.integer({ min: 1, max: 3 }),
      length: fc.integer({ min: 4, max: 10 }),
    }),
  },
  "GET /admin/coupons/:id": { params: { id: "coupon" }, query: () => ({ fields: fc.constantFrom("id", "*", "code,rules") }) },
  "POST /admin/coupons/:id": { params: { id: "coupon" }, body: couponFields },
  "DELETE /admin/coupons/:id": { params: { id: "coupon" } },
  "GET /admin/merchants": { query: () => listQuery(["handle", "-handle", "name"]) },
}

// ---- requests ----

const OMIT = Symbol("omit")

/** Each field left out, valid, or hostile; sometimes a field the route does not know. */
function objectWithMalformedFields(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields)
  return fc
    .tuple(
      fc.tuple(
        ...entries.map(([, valid]) =>
          fc.oneof(
            { weight: 1, arbitrary: fc.constant<unknown>(OMIT) },
            { weight: 4, arbitrary: valid },
            { weight: 1, arbitrary: hostileValue }
          )
        )
      ),
      fc.option(fc.tuple(fc.oneof(hostileString.filter((key) => key.length < 100), fc.constantFrom("id", "customer_id", "status")), hostileValue), {
        freq: 6,
      })
    )
    .map(([values, extra]) => {
      const body: Record<string, unknown> = {}
      entries.forEach(([name], index) => {
        if (values[index] !== OMIT && values[index] !== undefined) body[name] = values[index]
      })
      if (extra) Object.defineProperty(body, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true })
      return body
    })
}

const MALFORMED_JSON = ['{"version":', '{"a":1}}', "[", "{'code':'X'}", "\u0000", "\ufeff{}", '{"code":"\\ud800"}', "nul", '{"a":1e999999}', "{".repeat(5000)]

type BodyBytes = { contentType?: string; text: string }

function bodyArbitrary(fields: Fields): fc.Arbitrary<BodyBytes | undefined> {
  const structured = objectWithMalformedFields(fields)
  return fc.oneof(
    { weight: 14, arbitrary: structured.map((value) => ({ contentType: "application/json", text: JSON.stringify(value) })) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ contentType: "application/json", text: JSON.stringify(value) ?? "" })) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text) => ({ contentType: "application/json", text })) },
    {
      weight: 1,
      arbitrary: fc.tuple(structured, fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-7", "multipart/form-data; boundary=x")).map(([value, contentType]) => ({
        contentType,
        text: contentType.includes("urlencoded")
          ? Object.entries(value).map(([key, field]) => `${encodeLoosely(key)}=${encodeLoosely(typeof field === "string" ? field : JSON.stringify(field) ?? "")}`).join("&")
          : JSON.stringify(value),
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom(120_000, 2_000_000).map((size) => ({ contentType: "application/json", text: JSON.stringify({ version: 1, padding: "x".repeat(size) }) })) }
  )
}

/** Percent-encodes text; an unpaired surrogate (which encodeURIComponent refuses) goes as its raw UTF-8 bytes' escape. */
function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return "%ED%A0%80" + encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ""))
  }
}

const RAW_PATH_SEGMENTS = ["%E0%A4%A", "%zz", "%", "%00", "%ED%A0%80", "..", "%2F%2E%2E", "%252F", "a%20b", ";x=1"]

/**
 * A path parameter, never empty: a path with an empty segment (`/store/cart-sessions//line-items`) is
 * no route's, and the host answers every such path with its HTML 404 page (docs/security.md).
 */
function paramArbitrary(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 5, arbitrary: urlValue(valid).map(encodeLoosely) },
      { weight: 3, arbitrary: urlValue(strangerId).map(encodeLoosely) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_SEGMENTS) }
    )
    .filter((segment) => segment.length > 0)
}

/**
 * A value for a URL, at most 300 characters (1,800 once percent-encoded): a request line and headers
 * past Node's 16 KB limit get a bare 431 from Node before any of the host's code runs (docs/security.md).
 */
const urlValue = (value: fc.Arbitrary<unknown>) =>
  value.map((field) => (typeof field === "string" ? field : JSON.stringify(field) ?? "").slice(0, 300))

function queryArbitrary(fields: Fields): fc.Arbitrary<string> {
  const pair = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(
        fc.constantFrom(...(Object.keys(fields).length ? Object.keys(fields) : ["fields"])),
        urlValue(fc.oneof(...Object.values(fields).concat(fc.constant("x")), hostileValue))
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom("limit[a]", "order[]", "fields[$ne]", "__proto__[x]", "expand", "with_deleted"), urlValue(hostileValue)),
    }
  )
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant("") },
    {
      weight: 4,
      arbitrary: fc.array(pair, { maxLength: 4 }).map((pairs) =>
        pairs.map(([key, value]) => `${encodeLoosely(key)}=${encodeLoosely(value)}`).join("&")
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom("%zz", "a=%", "fields=%00", "q=%ED%A0%80", "limit=1&limit=2", "=&&=") }
  ).map((query) => (query ? `?${query}` : ""))
}

function requestArbitrary(route: string, input: RouteInput, pools: Pools, store: HardeningStore): fc.Arbitrary<FuzzRequest> {
  const [method, template] = route.split(" ")
  const names = Object.keys(input.params ?? {})
  const params = fc.tuple(...names.map((name) => paramArbitrary(pools[input.params![name]])))
  const admin = template.startsWith("/admin")
  const auth = admin
    ? fc.oneof(
        { weight: 8, arbitrary: fc.constant(store.admin.headers) },
        { weight: 1, arbitrary: fc.constantFrom({}, { authorization: "Bearer not-a-token" }, store.customers.a.headers.headers) }
      )
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant(store.shop.anonymous.headers) },
        { weight: 2, arbitrary: fc.constantFrom(store.customers.a.headers.headers, store.customers.b.headers.headers) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<Record<string, string>>(
            {},
            { "x-publishable-api-key": "pk_0000" },
            { ...store.shop.anonymous.headers, authorization: "Bearer not-a-token" },
            { ...store.shop.anonymous.headers, authorization: store.admin.headers.authorization }
          ),
        }
      )
  const idempotencyKey =
    method === "GET"
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: fc.uuid() },
          { weight: 2, arbitrary: fc.constantFrom("fuzz-reused-1", "fuzz-reused-2") },
          { weight: 1, arbitrary: fc.constantFrom("", " ", "x".repeat(300), "tab\tkey", "ünïcode") }
        )
  const body = input.body && method !== "GET" ? bodyArbitrary(input.body(pools)) : fc.constant(undefined)
  return fc
    .record({ params, auth, idempotencyKey, body, query: queryArbitrary(input.query?.(pools) ?? {}) })
    .map(({ params, auth, idempotencyKey, body, query }) => {
      let path = template
      names.forEach((name, index) => (path = path.replace(`:${name}`, params[index])))
      const headers: Record<string, string> = { ...auth }
      if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey
      if (body?.contentType) headers["content-type"] = body.contentType
      return { route, method, path: path + query, headers, body: body?.text }
    })
}

function poolsOf(store: HardeningStore): Pools {
  const { sessions, coupons, variants, customers, shop } = store
  const all = [sessions.anonymous, sessions.a, sessions.b]
  const own = <T>(values: T[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: strangerId })
  return {
    session: own(all.map((session) => session.id)),
    line: own(all.flatMap(lineIdsOf)),
    discount: own(all.flatMap(discountIdsOf)),
    code: own(["SAVE10", "ACME5", "ONLYA", "save10", "NOPE"]),
    coupon: own(Object.values(coupons).map((coupon) => coupon.id)),
    variant: own(Object.values(variants)),
    merchant: own(["acme", "globex", "initech"]),
    customer: own([customers.a.customerId, customers.b.customerId]),
    region: own([shop.regionId]),
    salesChannel: own([shop.salesChannelId]),
  }
}

/** Requests the fuzzer once found a 5xx or the router's HTML page for; sent before the generated ones. */
function regressionExamples(store: HardeningStore): FuzzRequest[] {
  const json = { ...store.shop.anonymous.headers, "content-type": "application/json" }
  const admin = { ...store.admin.headers, "content-type": "application/json" }
  const id = store.sessions.anonymous.id
  return [
    // A path that is not valid percent-encoding: the router failed to decode `:id` (500).
    { route: "GET /store/cart-sessions/:id", method: "GET", path: "/store/cart-sessions/%E0%A4%A", headers: json },
    { route: "DELETE /store/cart-sessions/:id/coupons/:code", method: "DELETE", path: `/store/cart-sessions/${id}/coupons/%zz`, headers: json },
    { route: "GET /admin/coupons/:id", method: "GET", path: "/admin/coupons/%", headers: admin },
    // An unpaired surrogate in a jsonb field: PostgreSQL refused its escape (500).
    {
      route: "POST /admin/coupons",
      method: "POST",
      path: "/admin/coupons",
      headers: admin,
      body: JSON.stringify({ code: "SURR", value_type: "percentage", value: 5, metadata: { note: "\ud800" } }),
    },
    { route: "POST /store/cart-sessions", method: "POST", path: "/store/cart-sessions", headers: json, body: '{"metadata":{"\\udc00":1}}' },
    // An object with its own toString where a string belongs: the host's validator failed wording its message (500).
    {
      route: "POST /admin/coupons",
      method: "POST",
      path: "/admin/coupons",
      headers: admin,
      body: JSON.stringify({ code: { toString: "ke" }, value_type: "percentage", value: 5 }),
    },
    { route: "GET /admin/coupons", method: "GET", path: "/admin/coupons?limit[toString]=1", headers: admin },
  ]
}

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    it("covers every route of src/api and src/api/middlewares.ts", () => {
      const routes = pluginRoutes().map(routeKey)
      expect(Object.keys(ROUTE_INPUTS).sort()).toEqual([...routes].sort())
      expect(middlewareRouteKeys().filter((key) => !routes.includes(key))).toEqual([])
    })

    it(`answers ${TOTAL_RUNS} generated malformed requests with a documented 4xx or a success, never a 5xx or HTML, and refusals change nothing`, async () => {
      const container = getContainer()
      const store = await createHardeningStore(api, container)
      const pools = poolsOf(store)
      const baseUrl = api.defaults.baseURL
      const seen: Record<string, Record<number, number>> = {}

      /** Waits until the plugin's tables stop changing (subscribers of an earlier success may still write). */
      const settled = async () => {
        let last = await pluginTablesSnapshot(container)
        for (let attempt = 0; attempt < 20; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 100))
          const next = await pluginTablesSnapshot(container)
          if (JSON.stringify(next) === JSON.stringify(last)) return next
          last = next
        }
        return last
      }

      let lastProblem = ""
      const check = async (request: FuzzRequest) => {
        const before = await pluginTablesSnapshot(container)
        const answer = await rawRequest(baseUrl, request)
        ;(seen[request.route] ??= {})[answer.status] = (seen[request.route]?.[answer.status] ?? 0) + 1
        const problem = answerProblem(answer) ?? (answer.status >= 400 ? changeAfterRefusal(before, await pluginTablesSnapshot(container), request) : null)
        if (problem) {
          lastProblem = `${problem}\n${describeExchange(request, answer)}`
          throw new Error(lastProblem)
        }
        if (answer.status < 400 && request.method !== "GET") {
          await settled()
        }
      }

      for (const example of regressionExamples(store)) {
        await check(example)
      }

      const routes = Object.entries(ROUTE_INPUTS)
      const perRoute = Math.ceil(TOTAL_RUNS / routes.length)
      let sent = 0
      for (const [index, [route, input]] of routes.entries()) {
        const seed = SEED + index
        try {
          await fc.assert(
            fc.asyncProperty(requestArbitrary(route, input, pools, store), async (request) => {
              sent++
              await check(request)
            }),
            { numRuns: perRoute, seed, endOnFailure: true }
          )
        } catch (error: any) {
          // fast-check's own report prints the whole request, huge bodies included: only its first lines.
          const report = String(error.message).split("\n").slice(0, 2).join(" ")
          throw new Error(
            `${route}: replay with CHECKOUT_DISCOUNTS_FUZZ_SEED=${SEED} npm run test:fuzz (this route's seed ${seed}; ${report})\n` +
              (lastProblem || String(error.cause?.message ?? error.message).slice(0, 2_000))
          )
        }
      }
      console.log(
        `[fuzz] seed ${SEED}: ${sent} generated requests (+${regressionExamples(store).length} regression examples), statuses per route:\n` +
          Object.entries(seen)
            .map(([route, statuses]) => `  ${route}: ${JSON.stringify(statuses)}`)
            .join("\n")
      )
      expect(sent).toBeGreaterThanOrEqual(TOTAL_RUNS)
      expect(Object.keys(seen).sort()).toEqual(Object.keys(ROUTE_INPUTS).sort())
    })
  },
})

/** A refusal may store its answer under a new Idempotency-Key, and nothing else. */
function changeAfterRefusal(before: PluginTablesSnapshot, after: PluginTablesSnapshot, request: FuzzRequest): string | null {
  for (const [table, state] of Object.entries(before.tables)) {
    const now = after.tables[table]
    if (table === "idempotency_key" && request.headers["idempotency-key"] !== undefined) {
      if (now.rows - state.rows <= 1 && now.rows >= state.rows) continue
    }
    if (now.rows !== state.rows || now.digest !== state.digest) {
      return `a refusal changed table ${table} (${state.rows} rows before, ${now.rows} after)`
    }
  }
  if (JSON.stringify(before.versions) !== JSON.stringify(after.versions)) {
    return `a refusal changed a session's version: ${JSON.stringify(before.versions)} -> ${JSON.stringify(after.versions)}`
  }
  return null
}

function describeExchange(request: FuzzRequest, answer: RawAnswer): string {
  const body = request.body === undefined ? "" : request.body.length > 500 ? `${request.body.slice(0, 500)}… (${request.body.length} chars)` : request.body
  return (
    `request: ${request.method} ${request.path.slice(0, 500)}\n  headers: ${JSON.stringify(request.headers)}\n  body: ${body}\n` +
    `answer: ${answer.status} ${answer.headers["content-type"]}\n  ${answer.text.slice(0, 800)}`
  )
}
