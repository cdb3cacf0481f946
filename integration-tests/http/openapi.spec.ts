import { randomUUID } from "crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminUser } from "../helpers/admin"
import { hostDirectory } from "../helpers/host"
import { rawRequest } from "../helpers/http"
import { OpenApiResponseValidator } from "../helpers/openapi"
import { createShippingStore } from "../helpers/shipping-store"
import { payAndComplete } from "../helpers/checkout"
import { CART_SESSIONS, createProducts, registerCustomer } from "../helpers/store"

// Every route of the plugin, through the booted host, for a success and for refusals: each answer's
// status, the headers the document speaks of (Idempotent-Replayed, Retry-After, content-type) and its
// body are checked against docs/openapi.yaml (helpers/openapi.ts: Ajv in JSON Schema 2020-12 mode, the
// dialect of OpenAPI 3.1). An answer whose status the document does not list for its route fails.

jest.setTimeout(300_000)

// The host boots with the `codeAttempts` option (README "Code guessing"), so that a 429 and its
// Retry-After are checked too: two codes that do not exist a session, the client's limit out of reach.
const OPTION_ENV = "CHECKOUT_DISCOUNTS_CODE_ATTEMPTS"
const optionBefore = process.env[OPTION_ENV]
process.env[OPTION_ENV] = JSON.stringify({ perSession: 2, perClient: 1000, windowSeconds: 900 })
afterAll(() => {
  if (optionBefore === undefined) delete process.env[OPTION_ENV]
  else process.env[OPTION_ENV] = optionBefore
})

type Headers = Record<string, string>
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: any }

const validator = new OpenApiResponseValidator()

/** `METHOD /template` of every documented operation. */
const documentedOperations = () =>
  Object.entries(validator.document.paths).flatMap(([template, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${template}`)
  )

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    it("finds an answer outside the document: an undocumented status, field, code or header", () => {
      const session = "/store/cart-sessions/cs_1"
      const json = { "content-type": "application/json; charset=utf-8" }
      const refusal = { type: "not_found", code: "CART_SESSION_NOT_FOUND", message: "Cart session cs_1 was not found" }
      expect(validator.problemsOf("GET", session, { status: 404, headers: json, body: refusal })).toEqual([])
      expect(validator.problemsOf("GET", session, { status: 418, headers: json, body: refusal })).toEqual([
        "GET /store/cart-sessions/{id} 418: the status is not documented",
      ])
      expect(validator.problemsOf("GET", session, { status: 404, headers: json, body: { ...refusal, hint: "x" } })).toHaveLength(1)
      expect(validator.problemsOf("GET", session, { status: 404, headers: json, body: { ...refusal, code: "VERSION_CONFLICT" } })).toHaveLength(1)
      expect(
        validator.problemsOf("GET", session, { status: 404, headers: { ...json, "idempotent-replayed": "true" }, body: refusal })
      ).toEqual(["GET /store/cart-sessions/{id} 404: header idempotent-replayed is not documented"])
      expect(validator.problemsOf("GET", "/store/cart-session", { status: 200, headers: json, body: {} })).toHaveLength(1)
    })

    it("answers every store and admin route, success and refusal, as docs/openapi.yaml describes", async () => {
      const container = getContainer()
      const store = await createShippingStore(container)
      const { acme, bolt, cobalt } = store.merchants
      const [pegs] = await createProducts(container, [
        {
          title: "Tent pegs",
          merchant: "acme",
          addOn: true,
          prices: { usd: 4.99, jpy: 499, kwd: 0.499 },
          salesChannelIds: [store.salesChannelId],
          shippingProfileId: acme.shippingProfileId,
        },
      ])
      const admin = (await createAdminUser(container)).headers
      const shopper: Headers = store.anonymous.headers
      const baseUrl = api.defaults.baseURL

      const problems: string[] = []
      /** Per documented operation, the statuses it answered. */
      const answered = new Map<string, Set<number>>()

      const send = async (method: string, path: string, headers: Headers, body?: unknown, rawBody?: string): Promise<Answer> => {
        const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body))
        const raw = await rawRequest(baseUrl, {
          method,
          path,
          headers: { ...headers, ...(text === undefined ? {} : { "content-type": "application/json" }) },
          body: text,
        })
        let parsed: unknown
        try {
          parsed = JSON.parse(raw.text)
        } catch {
          parsed = raw.text
        }
        const answer = { status: raw.status, headers: raw.headers, body: parsed }
        const found = validator.operationOf(method, path)
        if (found) {
          const key = `${method} ${found.template}`
          answered.set(key, (answered.get(key) ?? new Set()).add(answer.status))
        }
        problems.push(...validator.problemsOf(method, path, answer).map((problem) => `${problem}\n    body: ${raw.text.slice(0, 400)}`))
        return answer
      }
      /** A request that must answer `status` (and `code`, for a refusal), checked against the document by `send`. */
      const expectAnswer = async (
        status: number,
        code: string | null,
        method: string,
        path: string,
        headers: Headers,
        body?: unknown
      ): Promise<any> => {
        const answer = await send(method, path, headers, body)
        expect({ route: `${method} ${path}`, status: answer.status, code: answer.body?.code ?? null }).toEqual({
          route: `${method} ${path}`,
          status,
          code,
        })
        return answer.body
      }

      // ---- admin: coupons, merchants, rule attributes ----
      await expectAnswer(200, null, "GET", "/admin/coupon-rule-attributes", admin)
      await expectAnswer(401, null, "GET", "/admin/coupon-rule-attributes", {})
      const save10 = (
        await expectAnswer(200, null, "POST", "/admin/coupons", admin, { code: "SAVE10", value_type: "percentage", value: 10 })
      ).coupon
      await expectAnswer(200, null, "POST", "/admin/coupons", admin, {
        code: "ACME5",
        value_type: "fixed",
        value: 5,
        currency_code: "usd",
        merchant_id: "acme",
        starts_at: "2020-01-01T00:00:00.000Z",
        rules: [{ attribute: "currency_code", operator: "in", values: ["usd"] }],
      })
      await expectAnswer(409, "COUPON_CODE_TAKEN", "POST", "/admin/coupons", admin, { code: "save10", value_type: "percentage", value: 5 })
      await expectAnswer(400, "COUPON_CODE_INVALID_FORMAT", "POST", "/admin/coupons", admin, { code: "no spaces", value_type: "percentage", value: 5 })
      await expectAnswer(400, null, "POST", "/admin/coupons", admin, { code: "NOTYPE", value: 5 })
      await expectAnswer(200, null, "GET", "/admin/coupons?q=save&limit=10", admin)
      await expectAnswer(200, null, "GET", "/admin/coupons?fields=code,+redemptions.*", admin)
      await expectAnswer(400, null, "GET", "/admin/coupons?limit=0", admin)
      await expectAnswer(200, null, "GET", `/admin/coupons/${save10.id}`, admin)
      await expectAnswer(200, null, "GET", `/admin/coupons/${save10.id}?fields=code`, admin)
      await expectAnswer(404, "COUPON_NOT_FOUND", "GET", "/admin/coupons/cpn_missing", admin)
      await expectAnswer(200, null, "POST", `/admin/coupons/${save10.id}`, admin, { name: "Ten off" })
      await expectAnswer(404, "COUPON_NOT_FOUND", "POST", "/admin/coupons/cpn_missing", admin, { name: "x" })
      const generated = await expectAnswer(200, null, "POST", "/admin/coupons/generate", admin, {
        prefix: "GEN",
        count: 3,
        value_type: "percentage",
        value: 5,
      })
      await expectAnswer(400, null, "POST", "/admin/coupons/generate", admin, { count: 0, value_type: "percentage", value: 5 })
      await expectAnswer(200, null, "DELETE", `/admin/coupons/${generated.coupons[0].id}`, admin)
      await expectAnswer(404, "COUPON_NOT_FOUND", "DELETE", "/admin/coupons/cpn_missing", admin)
      await expectAnswer(200, null, "GET", "/admin/merchants", admin)
      await expectAnswer(400, null, "GET", "/admin/merchants?offset=-1", admin)

      // ---- store: a session through every change ----
      const createBody = {
        region_id: store.regionIds.usd,
        items: [
          { variant_id: acme.products[0].variantId, quantity: 1 },
          { variant_id: bolt.products[0].variantId, quantity: 1 },
        ],
        discounts: [{ code: "SAVE10" }],
        metadata: { source: "openapi" },
      }
      const created = await send("POST", CART_SESSIONS, { ...shopper, "idempotency-key": "create-1" }, createBody)
      expect(created.status).toBe(201)
      const replayed = await send("POST", CART_SESSIONS, { ...shopper, "idempotency-key": "create-1" }, createBody)
      expect([replayed.status, replayed.headers["idempotent-replayed"]]).toEqual([201, "true"])
      await expectAnswer(409, "IDEMPOTENCY_KEY_REUSED", "POST", CART_SESSIONS, { ...shopper, "idempotency-key": "create-1" }, {})
      await expectAnswer(400, "IDEMPOTENCY_KEY_INVALID", "POST", CART_SESSIONS, { ...shopper, "idempotency-key": "k".repeat(300) }, {})
      await expectAnswer(400, null, "POST", CART_SESSIONS, {}, {})
      await expectAnswer(400, "REGION_NOT_FOUND", "POST", CART_SESSIONS, shopper, { region_id: "reg_missing" })
      await expectAnswer(400, null, "POST", CART_SESSIONS, shopper, { items: "none" })
      const huge = await send("POST", CART_SESSIONS, shopper, undefined, JSON.stringify({ metadata: { note: "x".repeat(200_000) } }))
      expect(huge.status).toBe(413)

      const id = created.body.cart_session.id
      const session = `${CART_SESSIONS}/${id}`
      const missing = `${CART_SESSIONS}/cs_missing`
      await expectAnswer(200, null, "GET", session, shopper)
      await expectAnswer(404, "CART_SESSION_NOT_FOUND", "GET", missing, shopper)

      await expectAnswer(200, null, "POST", session, shopper, {
        email: "shopper@example.com",
        shipping_address: { country_code: "us", province: "us-ca", first_name: "Ada", city: "Springfield" },
      })
      await expectAnswer(400, "SHIPPING_ADDRESS_INVALID", "POST", session, shopper, { shipping_address: { country_code: "fr" } })
      await expectAnswer(200, null, "GET", `${session}/shipping-options`, shopper)
      await expectAnswer(404, "CART_SESSION_NOT_FOUND", "GET", `${missing}/shipping-options`, shopper)
      await expectAnswer(200, null, "POST", `${session}/shipping-methods`, shopper, { merchant_id: "acme", option_id: acme.options.flat.id })
      await expectAnswer(200, null, "POST", `${session}/shipping-methods`, shopper, { merchant_id: "bolt", option_id: bolt.options.freeOver.id })
      await expectAnswer(400, "SHIPPING_OPTION_INVALID", "POST", `${session}/shipping-methods`, shopper, {
        merchant_id: "acme",
        option_id: bolt.options.flat.id,
      })

      const withMug = await expectAnswer(200, null, "POST", `${session}/line-items`, shopper, {
        variant_id: cobalt.products[0].variantId,
        quantity: 1,
      })
      await expectAnswer(400, "VARIANT_NOT_FOUND", "POST", `${session}/line-items`, shopper, { variant_id: "variant_missing", quantity: 1 })
      const mug = withMug.cart_session.bags.find((bag: any) => bag.merchant_id === "cobalt").items[0]
      await expectAnswer(200, null, "PATCH", `${session}/line-items/${mug.id}`, shopper, { quantity: 2 })
      await expectAnswer(404, "CART_SESSION_LINE_ITEM_NOT_FOUND", "PATCH", `${session}/line-items/line_missing`, shopper, { quantity: 2 })
      await expectAnswer(200, null, "DELETE", `${session}/line-items/${mug.id}`, shopper)
      await expectAnswer(404, "CART_SESSION_LINE_ITEM_NOT_FOUND", "DELETE", `${session}/line-items/${mug.id}`, shopper)

      await expectAnswer(200, null, "POST", `${session}/add-ons`, shopper, { add_on_id: pegs.variantId, selected: true })
      await expectAnswer(400, "ADD_ON_NOT_AVAILABLE", "POST", `${session}/add-ons`, shopper, { add_on_id: "variant_missing", selected: true })

      await expectAnswer(200, null, "POST", `${session}/discount-code`, shopper, { code: "ACME5" })
      await expectAnswer(400, "COUPON_CODE_INVALID_FORMAT", "POST", `${session}/discount-code`, shopper, { code: "no spaces" })
      const preview = await expectAnswer(200, null, "POST", `${session}/coupons`, shopper, { code: generated.coupons[1].code, validate_only: true })
      expect(Object.keys(preview).sort()).toEqual(["cart_session", "preview"])
      const withCode = await expectAnswer(200, null, "POST", `${session}/coupons`, shopper, { code: "NO_SUCH_CODE" })
      await expectAnswer(409, "VERSION_CONFLICT", "POST", `${session}/coupons`, shopper, { code: "SAVE10", version: 1 })
      const version = withCode.cart_session.version
      await expectAnswer(200, null, "DELETE", `${session}/coupons/NO_SUCH_CODE`, shopper, { version })
      await expectAnswer(409, "VERSION_CONFLICT", "DELETE", `${session}/coupons/SAVE10`, shopper, { version })
      await expectAnswer(404, "CART_SESSION_DISCOUNT_NOT_FOUND", "DELETE", `${session}/coupons/NO_SUCH_CODE`, shopper)
      const acmeCode = withCode.cart_session.discounts.find((discount: any) => discount.code === "ACME5")
      await expectAnswer(200, null, "DELETE", `${session}/discounts/${acmeCode.id}`, shopper)
      await expectAnswer(404, "CART_SESSION_DISCOUNT_NOT_FOUND", "DELETE", `${session}/discounts/${acmeCode.id}`, shopper)
      await expectAnswer(200, null, "POST", `${session}/price`, shopper, {})
      await expectAnswer(409, "VERSION_CONFLICT", "POST", `${session}/price`, shopper, { version: 1 })

      // ---- admin: the session ----
      await expectAnswer(200, null, "GET", "/admin/cart-sessions?status=open&has_codes=true&created_at[$gte]=2020-01-01", admin)
      await expectAnswer(400, null, "GET", "/admin/cart-sessions?status=lost", admin)
      await expectAnswer(200, null, "GET", `/admin/cart-sessions/${id}`, admin)
      await expectAnswer(404, "CART_SESSION_NOT_FOUND", "GET", "/admin/cart-sessions/cs_missing", admin)
      const lamp = created.body.cart_session.bags[0].items[0]
      await expectAnswer(200, null, "POST", `/admin/cart-sessions/${id}/manual-discounts`, { ...admin, "idempotency-key": randomUUID() }, {
        cart: [{ amount: 1, name: "Goodwill", reason: "Late delivery" }],
      })
      // SAVE10 discounts every line.
      await expectAnswer(409, "MANUAL_DISCOUNT_CONFLICT", "POST", `/admin/cart-sessions/${id}/manual-discounts`, admin, {
        items: [{ line_item_id: lamp.id, amount: 0.5, name: "Scratch" }],
      })
      await expectAnswer(400, "MANUAL_DISCOUNT_LINE_NOT_FOUND", "POST", `/admin/cart-sessions/${id}/manual-discounts`, admin, {
        items: [{ line_item_id: "line_missing", amount: 1, name: "Nothing" }],
      })
      await expectAnswer(200, null, "GET", `/admin/cart-sessions/${id}`, admin)
      await expectAnswer(200, null, "DELETE", `/admin/cart-sessions/${id}/manual-discounts`, admin)
      await expectAnswer(404, "CART_SESSION_NOT_FOUND", "DELETE", "/admin/cart-sessions/cs_missing/manual-discounts", admin)
      await expectAnswer(401, null, "GET", "/admin/cart-sessions", {})

      // ---- convert, then the session is closed ----
      await expectAnswer(404, "CART_SESSION_NOT_FOUND", "POST", `${missing}/convert`, shopper, {})
      const converted = await expectAnswer(200, null, "POST", `${session}/convert`, shopper, {})
      expect(converted.cart_session).toMatchObject({ status: "converted", converted_cart_id: expect.stringMatching(/^cart_/) })
      await expectAnswer(409, "CART_SESSION_NOT_OPEN", "POST", `${session}/price`, shopper, {})
      await expectAnswer(200, null, "GET", session, shopper)

      // ---- the order it became: the coupon's redemptions; a customer's own session ----
      const { completed } = await payAndComplete(api, converted.cart_session.converted_cart_id, store.anonymous)
      expect(completed.data.type).toBe("order")
      const redeemed = await expectAnswer(200, null, "GET", `/admin/coupons/${save10.id}?fields=+redemptions.*`, admin)
      expect(redeemed.coupon.redemptions).toHaveLength(1)
      await expectAnswer(200, null, "GET", `/admin/coupons/${save10.id}?fields=*`, admin)
      await expectAnswer(200, null, "GET", "/admin/coupons?fields=*,redemptions.*", admin)
      await expectAnswer(200, null, "GET", "/admin/merchants?fields=*", admin)
      const customer = await registerCustomer(api, store.publishableKey, "openapi@example.com")
      const own = await expectAnswer(201, null, "POST", CART_SESSIONS, customer.headers.headers, {
        items: [{ variant_id: cobalt.products[0].variantId, quantity: 3 }],
      })
      expect(own.cart_session.customer_id).toBe(customer.customerId)
      await expectAnswer(404, "CART_SESSION_NOT_FOUND", "GET", `${CART_SESSIONS}/${own.cart_session.id}`, shopper)
      await expectAnswer(200, null, "GET", `/admin/cart-sessions?customer_id=${customer.customerId}`, admin)

      const ownCoupons = `${CART_SESSIONS}/${own.cart_session.id}/coupons`
      await expectAnswer(200, null, "POST", ownCoupons, customer.headers.headers, { code: "GUESS1" })
      await expectAnswer(200, null, "POST", ownCoupons, customer.headers.headers, { code: "GUESS2" })
      await expectAnswer(429, "CART_SESSION_CODE_ATTEMPTS_EXCEEDED", "POST", ownCoupons, customer.headers.headers, { code: "GUESS3" })

      expect(problems).toEqual([])
      const untested = documentedOperations().flatMap((operation) => {
        const statuses = [...(answered.get(operation) ?? [])]
        return [
          ...(statuses.some((status) => status < 300) ? [] : [`${operation}: no success`]),
          ...(statuses.some((status) => status >= 400) ? [] : [`${operation}: no refusal`]),
        ]
      })
      expect(untested).toEqual([])
    })
  },
})
