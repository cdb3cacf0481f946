import { inspect } from "util"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { logger as frameworkLogger } from "@medusajs/framework/logger"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createHardeningStore, discountIdsOf, HardeningStore, lineIdsOf, pluginTablesSnapshot } from "../helpers/hardening"
import { RawAnswer, rawRequest } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { PluginRoute, pluginRoutes, routeKey } from "../helpers/plugin-routes"
import { CART_SESSIONS } from "../helpers/store"

jest.setTimeout(300_000)

/**
 * Who may reach what (docs/security.md): sessions are their customer's, every store route needs the
 * publishable key and every admin route an admin, a session id is a secret that is never logged, and
 * a code that is not yours answers as one that does not exist.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let store: HardeningStore
    let baseUrl: string

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      store = await createHardeningStore(api, getContainer())
      baseUrl = api.defaults.baseURL
    })

    /** A request every route accepts when its caller may: valid ids of `session`, a valid body. */
    const validRequest = (route: PluginRoute, session: any, headers: Record<string, string>) => {
      const { variants, coupons } = store
      const path = route.path
        .replace(":id", route.path.startsWith("/admin/coupons") ? coupons.storeWide.id : session.id)
        .replace(":line_id", lineIdsOf(session)[0])
        .replace(":discount_id", discountIdsOf(session)[0])
        .replace(":code", "SAVE10")
      const bodies: Record<string, unknown> = {
        "POST /store/cart-sessions": {},
        "POST /store/cart-sessions/:id": { email: "shopper@hardening.test" },
        "POST /store/cart-sessions/:id/shipping-methods": { merchant_id: "acme", option_id: "so_unknown" },
        "POST /store/cart-sessions/:id/line-items": { variant_id: variants.tent, quantity: 1 },
        "PATCH /store/cart-sessions/:id/line-items/:line_id": { quantity: 2 },
        "POST /store/cart-sessions/:id/add-ons": { add_on_id: variants.addOn, selected: true },
        "POST /store/cart-sessions/:id/discount-code": { code: "ACME5" },
        "POST /store/cart-sessions/:id/coupons": { code: "ACME5" },
        "POST /admin/cart-sessions/:id/manual-discounts": { cart: [{ amount: 1, name: "goodwill" }] },
        "POST /admin/coupons": { code: "NEWONE", value_type: "percentage", value: 5 },
        "POST /admin/coupons/generate": { count: 2, value_type: "percentage", value: 5 },
        "POST /admin/coupons/:id": { name: "renamed" },
      }
      const body = route.method === "GET" ? undefined : JSON.stringify(bodies[routeKey(route)] ?? {})
      return rawRequest(baseUrl, {
        method: route.method,
        path,
        headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
        body,
      })
    }

    const json = (answer: RawAnswer) => JSON.parse(answer.text)
    const storeRoutes = () => pluginRoutes().filter((route) => route.area === "store")
    const adminRoutes = () => pluginRoutes().filter((route) => route.area === "admin")

    describe("another customer's session", () => {
      it("answers 404 CART_SESSION_NOT_FOUND on every store route, as an unknown id does, and changes nothing", async () => {
        const container = getContainer()
        const before = await pluginTablesSnapshot(container)
        const routes = storeRoutes().filter((route) => route.path.includes(":id"))
        expect(routes.length).toBeGreaterThan(10)
        const unknown = { ...store.sessions.b, id: "csess_01JZZZZZZZZZZZZZZZZZZZZZZZ" }
        const callers = [
          ["customer A on B's session", store.customers.a.headers.headers, store.sessions.b],
          ["an anonymous shopper on A's session", store.shop.anonymous.headers, store.sessions.a],
          ["customer B on A's session", store.customers.b.headers.headers, store.sessions.a],
        ] as const
        for (const route of routes) {
          const asUnknown = await validRequest(route, unknown, store.customers.a.headers.headers)
          expect({ route: routeKey(route), status: asUnknown.status, code: json(asUnknown).code }).toEqual({
            route: routeKey(route),
            status: 404,
            code: "CART_SESSION_NOT_FOUND",
          })
          for (const [who, headers, session] of callers) {
            const answer = await validRequest(route, session, headers)
            expect({ route: routeKey(route), who, status: answer.status, text: answer.text.replaceAll(session.id, unknown.id) }).toEqual({
              route: routeKey(route),
              who,
              status: 404,
              text: asUnknown.text,
            })
          }
        }
        expect(await pluginTablesSnapshot(container)).toEqual(before)
        // Each owner still reaches their own.
        for (const [headers, session] of [
          [store.customers.a.headers, store.sessions.a],
          [store.customers.b.headers, store.sessions.b],
          [store.shop.anonymous, store.sessions.anonymous],
        ] as const) {
          expect((await api.get(`${CART_SESSIONS}/${session.id}`, headers)).data.cart_session.id).toBe(session.id)
        }
      })
    })

    describe("keys and admin authentication", () => {
      it("every store route refuses without a publishable key or with one that does not exist, and changes nothing", async () => {
        const container = getContainer()
        const before = await pluginTablesSnapshot(container)
        for (const route of storeRoutes()) {
          for (const headers of [{}, { "x-publishable-api-key": "pk_does_not_exist" }, { ...store.customers.a.headers.headers, "x-publishable-api-key": "" }]) {
            const answer = await validRequest(route, store.sessions.anonymous, headers)
            expect({ route: routeKey(route), status: answer.status, type: json(answer).type }).toEqual({
              route: routeKey(route),
              status: 400,
              type: "not_allowed",
            })
          }
        }
        expect(await pluginTablesSnapshot(container)).toEqual(before)
      })

      it("every admin route refuses without an admin: no token, a bad token, a customer's token, a publishable key", async () => {
        const container = getContainer()
        const before = await pluginTablesSnapshot(container)
        const withoutAdmin = [
          {},
          { authorization: "Bearer not-a-token" },
          { authorization: store.customers.a.headers.headers.authorization },
          { "x-publishable-api-key": store.shop.publishableKey },
        ]
        for (const route of adminRoutes()) {
          for (const headers of withoutAdmin) {
            const answer = await validRequest(route, store.sessions.anonymous, headers)
            expect({ route: routeKey(route), status: answer.status, body: json(answer) }).toEqual({
              route: routeKey(route),
              status: 401,
              body: { message: "Unauthorized" },
            })
          }
        }
        expect(await pluginTablesSnapshot(container)).toEqual(before)
        // The same requests with the admin's token are answered (the list above is not refused for another reason).
        for (const route of adminRoutes().filter((route) => route.method === "GET")) {
          expect({ route: routeKey(route), status: (await validRequest(route, store.sessions.anonymous, store.admin.headers)).status }).toEqual({
            route: routeKey(route),
            status: 200,
          })
        }
      })
    })

    describe("session ids", () => {
      it("carry 80 random bits after the creation time: distinct, not sequential within a millisecond, evenly spread", async () => {
        const ids: string[] = []
        for (let batch = 0; batch < 4; batch++) {
          const created = await Promise.all(
            Array.from({ length: 16 }, () => api.post(CART_SESSIONS, {}, store.shop.anonymous))
          )
          ids.push(...created.map((response) => response.data.cart_session.id))
        }
        // csess_ + a ULID: 10 characters of milliseconds, 16 of crypto.randomBytes (Crockford base32, 5 bits each).
        const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
        for (const id of ids) expect(id).toMatch(/^csess_[0-9A-HJKMNP-TV-Z]{26}$/)
        const randomParts = ids.map((id) => id.slice(-16))
        expect(new Set(randomParts).size).toBe(ids.length)

        // A monotonic ULID would add 1 within a millisecond; independent draws differ in ~15.5 of 16 places.
        const differing = (a: string, b: string) => [...a].filter((char, index) => char !== b[index]).length
        const sameMillisecond = ids.flatMap((a, i) => ids.slice(i + 1).filter((b) => b.slice(6, 16) === a.slice(6, 16)).map((b) => [a, b]))
        for (const [a, b] of sameMillisecond) expect(differing(a.slice(-16), b.slice(-16))).toBeGreaterThanOrEqual(10)
        const pairs = randomParts.slice(1).map((part, index) => differing(part, randomParts[index]))
        expect(pairs.reduce((sum, count) => sum + count, 0) / pairs.length).toBeGreaterThan(14)

        // Every symbol about equally often (chi-square over 31 degrees of freedom; 80 is far past p = 0.0001).
        const counts = new Map([...CROCKFORD].map((char) => [char, 0]))
        for (const char of randomParts.join("")) counts.set(char, counts.get(char)! + 1)
        const expected = (randomParts.length * 16) / 32
        const chiSquare = [...counts.values()].reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
        expect(chiSquare).toBeLessThan(80)
      })

      it("never appear in the host's log, whatever the requests and refusals", async () => {
        const container = getContainer()
        const loggers = [...new Set([container.resolve(ContainerRegistrationKeys.LOGGER), frameworkLogger])]
        const lines: string[] = []
        const spies = loggers.flatMap((logger: any) =>
          ["panic", "activity", "progress", "error", "failure", "success", "silly", "debug", "verbose", "http", "info", "warn", "log"]
            .filter((method) => typeof logger[method] === "function")
            .map((method) =>
              jest.spyOn(logger, method).mockImplementation((...args: unknown[]) => {
                lines.push(`${method}: ${args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 6 }))).join(" ")}`)
                return undefined as any
              })
            )
        )
        const writes = [process.stdout, process.stderr].map((stream) => {
          const write = stream.write.bind(stream)
          return jest.spyOn(stream, "write").mockImplementation((chunk: any, ...rest: any[]) => {
            lines.push(`stream: ${String(chunk)}`)
            return write(chunk, ...rest)
          })
        })
        try {
          const { sessions, customers, shop, admin } = store
          const id = sessions.anonymous.id
          const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
            rawRequest(baseUrl, {
              method,
              path,
              headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
              body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
            })
          const anonymous = shop.anonymous.headers
          const answers = [
            await send("GET", `${CART_SESSIONS}/${id}`, anonymous),
            await send("POST", `${CART_SESSIONS}/${id}/coupons`, anonymous, { code: "NOPE99" }),
            await send("POST", `${CART_SESSIONS}/${id}/coupons`, { ...anonymous, "idempotency-key": "log-check" }, { code: "ACME5" }),
            await send("POST", `${CART_SESSIONS}/${id}/coupons`, { ...anonymous, "idempotency-key": "log-check" }, { code: "OTHER" }),
            await send("POST", `${CART_SESSIONS}/${id}/line-items`, anonymous, { variant_id: "variant_nope", quantity: 1 }),
            await send("PATCH", `${CART_SESSIONS}/${id}/line-items/cali_nope`, anonymous, { quantity: 1 }),
            await send("POST", `${CART_SESSIONS}/${id}/price`, anonymous, { version: 999 }),
            await send("POST", `${CART_SESSIONS}/${id}`, anonymous, { shipping_address: { country_code: "zz" } }),
            await send("POST", `${CART_SESSIONS}/${id}/shipping-methods`, anonymous, { merchant_id: "acme", option_id: "so_nope" }),
            await send("POST", `${CART_SESSIONS}/${id}/line-items`, anonymous, '{"variant_id":'),
            await send("GET", `${CART_SESSIONS}/${sessions.b.id}`, customers.a.headers.headers),
            await send("GET", `${CART_SESSIONS}/${sessions.b.id}/shipping-options`, anonymous),
            await send("POST", `${CART_SESSIONS}/${sessions.a.id}/convert`, customers.b.headers.headers, {}),
            await send("GET", `${CART_SESSIONS}/${id}/shipping-options`, anonymous),
            await send("POST", `/admin/cart-sessions/${id}/manual-discounts`, admin.headers, { cart: [{ amount: 1e9, name: "x" }] }),
            await send("GET", `/admin/cart-sessions/${id}`, admin.headers),
            await send("GET", `/admin/cart-sessions?q=${id}`, admin.headers),
            await send("POST", `${CART_SESSIONS}/${id}/convert`, anonymous, {}),
            await send("POST", `${CART_SESSIONS}/${id}/line-items`, anonymous, { variant_id: store.variants.tent, quantity: 1 }),
          ]
          expect(answers.every((answer) => answer.status < 500)).toBe(true)
          // The plugin's scheduled jobs too: the re-pricing job and the expiry job over these sessions.
          await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(`update cart_session_discount set status = 'PENDING'`)
          for (const job of ["reprice-pending-cart-sessions", "expire-cart-sessions"]) {
            const { default: run } = await import(`../../src/jobs/${job}`)
            await run(container)
          }
        } finally {
          spies.forEach((spy) => spy.mockRestore())
          writes.forEach((spy) => spy.mockRestore())
        }
        const sessionIds = Object.values(store.sessions).map((session) => session.id)
        // The host logs request paths, and a session's paths hold its id: its `authenticate` middleware at
        // debug, its error handler at info for a body it could not parse, its access log at http (off under
        // test). docs/security.md says so. Nothing else may name an id, the rest of those lines included.
        const HOST_PATH_LOGS = [
          /^debug: Authenticating route [A-Z]+ (\/(?:store|admin)\/cart-sessions\/\S+)$/,
          /^info: Error 4\d\d at (\/(?:store|admin)\/cart-sessions\/\S+): /,
        ]
        const withoutHostPaths = (line: string) =>
          HOST_PATH_LOGS.reduce((rest, pattern) => rest.replace(pattern.exec(rest)?.[1] ?? "\u0000", "<path>"), line)
        const leaks = lines.filter((line) => sessionIds.some((id) => withoutHostPaths(line).includes(id)))
        expect(leaks).toEqual([])
        expect(lines.some((line) => HOST_PATH_LOGS[0].test(line))).toBe(true)
      })
    })

    describe('"no such code" and "not yours"', () => {
      /** The answer's text with the code as typed replaced, so only the rest is compared. */
      const withoutCode = (answer: RawAnswer, code: string) => ({
        status: answer.status,
        text: answer.text.replaceAll(JSON.stringify(code).slice(1, -1), "<CODE>").replaceAll(code, "<CODE>"),
      })
      const preview = (session: any, headers: Record<string, string>, body: Record<string, unknown>) =>
        rawRequest(baseUrl, {
          method: "POST",
          path: `${CART_SESSIONS}/${session.id}/coupons`,
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ validate_only: true, ...body }),
        })

      it("answer alike, byte for byte but the code: another customer's code, a customer-only code to a guest, another merchant's", async () => {
        const { sessions, customers, shop } = store
        const cases = [
          ["customer B, A's code", sessions.b, customers.b.headers.headers, { code: "ONLYA" }],
          ["a guest, a customer-only code", sessions.anonymous, shop.anonymous.headers, { code: "ONLYA" }],
          ["customer B, acme's code given for globex", sessions.b, customers.b.headers.headers, { code: "ACME5", merchant_id: "globex" }],
        ] as const
        for (const [who, session, headers, body] of cases) {
          const unknownAnswer = withoutCode(await preview(session, headers, { ...body, code: "NOPE42" }), "NOPE42")
          const notYours = withoutCode(await preview(session, headers, body), body.code)
          expect({ who, ...notYours }).toEqual({ who, ...unknownAnswer })
          expect(JSON.parse(notYours.text).preview).toMatchObject({ status: "INVALID", message: 'Coupon code "<CODE>" does not exist' })
        }
        // The owner gets it.
        expect(json(await preview(sessions.a, customers.a.headers.headers, { code: "ONLYA" })).preview).toMatchObject({ status: "APPLIED" })
      })

      it("applied, the session says the same of both: the discount, its message, the totals", async () => {
        const { sessions, customers } = store
        const headers = customers.b.headers.headers
        const apply = async (code: string) => {
          const answer = await rawRequest(baseUrl, {
            method: "POST",
            path: `${CART_SESSIONS}/${sessions.b.id}/coupons`,
            headers: { ...headers, "content-type": "application/json" },
            body: JSON.stringify({ code }),
          })
          expect(answer.status).toBe(200)
          const session = JSON.parse(answer.text).cart_session
          const discount = session.discounts.find((entry: any) => entry.code === code)
          await api.delete(`${CART_SESSIONS}/${sessions.b.id}/coupons/${code}`, customers.b.headers)
          // What moves with every change (the version, the times, the new discount's id) is left out.
          const { version, updated_at, expires_at, ...rest } = session
          return withoutCode(
            { status: answer.status, headers: {}, text: JSON.stringify(rest).replaceAll(discount.id, "<DISCOUNT_ID>") },
            code
          )
        }
        expect(await apply("ONLYA")).toEqual(await apply("NOPE42"))
      })
    })
  },
})
