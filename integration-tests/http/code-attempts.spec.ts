import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService, CreateCouponInput } from "../../src/modules/coupon"
import { hostDirectory } from "../helpers/host"
import { CART_SESSIONS, CreatedProduct, createProducts, createStorefront, Storefront } from "../helpers/store"

jest.setTimeout(180_000)

/**
 * README "Code guessing": the host store booted with the `codeAttempts`
 * option (given to ./host as JSON in CHECKOUT_DISCOUNTS_CODE_ATTEMPTS, read
 * when the runner loads its config). Every answer is read as the client gets
 * it through the host: status, headers and the body's bytes. The client's
 * address is the host's `req.ip`; the host trusts one proxy, so each request
 * names its address in X-Forwarded-For as a load balancer would.
 */
const PER_SESSION = 3
const PER_CLIENT = 5
const WINDOW_SECONDS = 900
const OPTION_ENV = "CHECKOUT_DISCOUNTS_CODE_ATTEMPTS"
const optionBefore = process.env[OPTION_ENV]
process.env[OPTION_ENV] = JSON.stringify({ perSession: PER_SESSION, perClient: PER_CLIENT, windowSeconds: WINDOW_SECONDS })
afterAll(() => {
  if (optionBefore === undefined) {
    delete process.env[OPTION_ENV]
  } else {
    process.env[OPTION_ENV] = optionBefore
  }
})

type Answer = { status: number; headers: Record<string, string>; json: any }

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let tent: CreatedProduct
    let addressCount = 0

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd"] })
      ;[tent] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: [shop.salesChannelId] },
      ])
      await createCoupons(
        { code: "SAVE10", value_type: "percentage", value: 10 },
        { code: "OLD", value_type: "percentage", value: 10, ends_at: new Date(Date.now() - 60_000) }
      )
    })

    const createCoupons = (...inputs: CreateCouponInput[]) =>
      getContainer().resolve<CouponModuleService>(COUPON_MODULE).createCoupons(inputs)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    /** A client address of its own (a documentation range), so that tests do not share a client count. */
    const newAddress = () => `198.51.100.${++addressCount}`

    /** A request as a client at `address` sends it; never throws on a 4xx. */
    const send = async (method: string, path: string, address: string, data?: unknown, headers: Record<string, string> = {}) => {
      const response = await api.request({
        method,
        url: `${CART_SESSIONS}${path}`,
        data,
        headers: { ...shop.anonymous.headers, "x-forwarded-for": address, ...headers },
        validateStatus: () => true,
      })
      return { status: response.status, headers: response.headers as Record<string, string>, json: response.data } as Answer
    }
    const createSession = async (address: string, body: Record<string, unknown> = {}) => {
      const answer = await send("post", "", address, { items: [{ variant_id: tent.variantId, quantity: 1 }], ...body })
      expect(answer.status).toBe(201)
      return answer.json.cart_session
    }
    const addCode = (id: string, address: string, code: string, extra: Record<string, unknown> = {}) =>
      send("post", `/${id}/coupons`, address, { code, ...extra })
    const preview = (id: string, address: string, code: string) => addCode(id, address, code, { validate_only: true })
    const setPrimary = (id: string, address: string, code: string | null) => send("post", `/${id}/discount-code`, address, { code })
    const removeCode = (id: string, address: string, code: string) => send("delete", `/${id}/coupons/${code}`, address)
    const getSession = async (id: string) => (await send("get", `/${id}`, newAddress())).json.cart_session

    const windowOf = async (scope: "session" | "client", subject: string) =>
      await knex()("code_attempt_window").where({ scope, subject }).first()
    /** The clock moved on by `seconds` for a window: its start moves back. */
    const age = async (scope: "session" | "client", subject: string, seconds: number) =>
      await knex().raw(
        `update code_attempt_window set window_start = window_start - make_interval(secs => ?) where scope = ? and subject = ?`,
        [seconds, scope, subject]
      )

    const expectRefused = (answer: Answer, who: "this cart session" | "this client address", limit: number) => {
      expect(answer.status).toBe(429)
      expect(answer.json).toEqual({
        type: "not_allowed",
        code: "CART_SESSION_CODE_ATTEMPTS_EXCEEDED",
        message: expect.stringMatching(
          new RegExp(`^Too many codes that do not exist were tried from ${who} \\(at most ${limit} in 15 minutes\\); try again in \\d+ (minutes|seconds?)$`)
        ),
      })
      const retryAfter = Number(answer.headers["retry-after"])
      expect(Number.isInteger(retryAfter)).toBe(true)
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS)
      return retryAfter
    }

    describe("per session", () => {
      it("refuses the next code once the session tried as many codes that do not exist as allowed, and changes nothing", async () => {
        const session = await createSession(newAddress())
        // Each from an address of its own: only the session's count is at play.
        expect((await addCode(session.id, newAddress(), "NOPE1")).status).toBe(200)
        expect((await preview(session.id, newAddress(), "NOPE2")).json.preview).toMatchObject({ status: "INVALID" })
        expect((await setPrimary(session.id, newAddress(), "NOPE3")).status).toBe(200)
        const before = await getSession(session.id)

        const refused = await addCode(session.id, newAddress(), "NOPE4")
        const retryAfter = expectRefused(refused, "this cart session", PER_SESSION)
        expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60)
        // A code that exists is refused too while the limit holds: the answer would tell a guesser which codes exist.
        expectRefused(await addCode(session.id, newAddress(), "SAVE10"), "this cart session", PER_SESSION)
        expectRefused(await preview(session.id, newAddress(), "SAVE10"), "this cart session", PER_SESSION)
        expectRefused(await setPrimary(session.id, newAddress(), "SAVE10"), "this cart session", PER_SESSION)

        const after = await getSession(session.id)
        expect(after.version).toBe(before.version)
        expect(after.discounts).toEqual(before.discounts)
        expect((await windowOf("session", session.id)).attempts).toBe(PER_SESSION)

        // Everything else still works: the shopper can shop, remove a code and clear the primary one.
        expect((await removeCode(session.id, newAddress(), "NOPE1")).status).toBe(200)
        expect((await setPrimary(session.id, newAddress(), null)).status).toBe(200)
        expect((await send("post", `/${session.id}/line-items`, newAddress(), { variant_id: tent.variantId, quantity: 1 })).status).toBe(200)
      })

      it("does not count codes that exist, applied or not, nor requests refused for another reason", async () => {
        const address = newAddress()
        const session = await createSession(address)
        for (let round = 0; round < PER_SESSION + 2; round++) {
          expect((await addCode(session.id, address, "save10")).json.cart_session.discounts[0]).toMatchObject({ status: "APPLIED" })
          expect((await removeCode(session.id, address, "SAVE10")).status).toBe(200)
          expect((await preview(session.id, address, "OLD")).json.preview).toMatchObject({ status: "EXPIRED" })
          // A malformed code and a stale version are 400 and 409, and look nothing up.
          expect((await addCode(session.id, address, "not a code!")).json.code).toBe("COUPON_CODE_INVALID_FORMAT")
          expect((await addCode(session.id, address, "NOPE", { version: 1 })).json.code).toBe("VERSION_CONFLICT")
        }
        expect((await windowOf("session", session.id)).attempts).toBe(0)
        expect((await windowOf("client", address)).attempts).toBe(0)
        for (let attempt = 1; attempt <= PER_SESSION; attempt++) {
          expect((await preview(session.id, address, `NOPE${attempt}`)).status).toBe(200)
        }
        expectRefused(await preview(session.id, address, "NOPE9"), "this cart session", PER_SESSION)
      })

      it("counts exactly the limit when codes that do not exist arrive at once", async () => {
        const session = await createSession(newAddress())
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, index) => preview(session.id, newAddress(), `RACE${index}`))
        )
        expect(answers.filter((answer) => answer.status === 200)).toHaveLength(PER_SESSION)
        expect(answers.filter((answer) => answer.status === 429)).toHaveLength(10 - PER_SESSION)
        expect((await windowOf("session", session.id)).attempts).toBe(PER_SESSION)
      })
    })

    describe("what it costs", () => {
      /** The statements on the counter's table while `action` runs (the host's shared connection, as the statement-count spec listens). */
      const counterStatements = async (action: () => Promise<unknown>) => {
        const statements: string[] = []
        const listener = (query: { sql: string }) => {
          if (query.sql.includes("code_attempt_window")) {
            statements.push(query.sql)
          }
        }
        knex().on("query", listener)
        try {
          await action()
        } finally {
          knex().removeListener("query", listener)
        }
        return statements
      }

      it("runs one statement for a code that does not exist, two for one that does, none for a change without a code", async () => {
        const address = newAddress()
        const session = await createSession(address)
        expect(await counterStatements(() => addCode(session.id, address, "NOPE"))).toEqual([expect.stringMatching(/^\s*insert into "code_attempt_window"/)])
        expect(await counterStatements(() => addCode(session.id, address, "SAVE10"))).toEqual([
          expect.stringMatching(/^\s*insert into "code_attempt_window"/),
          expect.stringMatching(/^update "code_attempt_window"/),
        ])
        expect(await counterStatements(() => removeCode(session.id, address, "SAVE10"))).toEqual([])
        expect(await counterStatements(() => send("post", `/${session.id}/line-items`, address, { variant_id: tent.variantId, quantity: 1 }))).toEqual([])
      })
    })

    describe("per client address", () => {
      it("counts a client's codes that do not exist over all its sessions, whatever route names them", async () => {
        const address = newAddress()
        const session = async () => (await createSession(address)).id
        // Two failures each on three sessions of one address, each session below its own limit.
        const created = await createSession(address, { discounts: [{ code: "GUESS1" }, { code: "SAVE10" }] })
        expect(created.discounts.map((discount: any) => discount.status).sort()).toEqual(["APPLIED", "INVALID"])
        expect((await windowOf("session", created.id)).attempts).toBe(1)
        expect((await preview(created.id, address, "GUESS2")).status).toBe(200)
        const second = await session()
        expect((await setPrimary(second, address, "GUESS3")).status).toBe(200)
        expect((await addCode(second, address, "GUESS4")).status).toBe(200)
        const third = await session()
        expect((await preview(third, address, "GUESS5")).status).toBe(200)
        expect((await windowOf("client", address)).attempts).toBe(PER_CLIENT)

        const fourth = await session()
        expectRefused(await addCode(fourth, address, "GUESS6"), "this client address", PER_CLIENT)
        expectRefused(await send("post", "", address, { discounts: [{ code: "GUESS7" }] }), "this client address", PER_CLIENT)
        expect((await getSession(fourth)).discounts).toEqual([])
        // Creating a session without codes looks none up: allowed.
        expect((await send("post", "", address, {})).status).toBe(201)

        // Another address is not limited by this one, on the same session.
        expect((await addCode(fourth, newAddress(), "SAVE10")).status).toBe(200)
      })

      it("lets the client in again when its window is over, and a refusal does not move the window", async () => {
        const address = newAddress()
        // Spread over three sessions, each below its own limit (2, 2 and 1 failures).
        const sessions = [(await createSession(address)).id, (await createSession(address)).id, (await createSession(address)).id]
        for (let attempt = 1; attempt <= PER_CLIENT; attempt++) {
          expect((await preview(sessions[(attempt - 1) % 3], address, `MISS${attempt}`)).status).toBe(200)
        }
        const [, other, id] = sessions
        const started = (await windowOf("client", address)).window_start
        await age("client", address, WINDOW_SECONDS - 30)
        const retryAfter = expectRefused(await preview(id, address, "MISS6"), "this client address", PER_CLIENT)
        expect(retryAfter).toBeLessThanOrEqual(30)
        expect(retryAfter).toBeGreaterThan(20)
        expect((await windowOf("client", address)).window_start.getTime()).toBe(started.getTime() - (WINDOW_SECONDS - 30) * 1000)

        await age("client", address, 30)
        expect((await preview(id, address, "SAVE10")).status).toBe(200)
        expect((await preview(id, address, "MISS7")).status).toBe(200)
        expect((await windowOf("client", address)).attempts).toBe(1)
        // A session that made two failures in the client's old window keeps its own count (and window).
        expect((await preview(other, address, "MISS8")).status).toBe(200)
        expectRefused(await preview(other, address, "MISS9"), "this cart session", PER_SESSION)
      })
    })

    describe("Idempotency-Key", () => {
      it("replays a code attempt without counting it again, and does not store a refusal", async () => {
        const address = newAddress()
        const session = await createSession(address)
        const keyed = (key: string) => ({ "idempotency-key": key })

        const first = await send("post", `/${session.id}/coupons`, address, { code: "WHO" }, keyed("attempt-1"))
        expect(first.status).toBe(200)
        for (let retry = 0; retry < 5; retry++) {
          const replayed = await send("post", `/${session.id}/coupons`, address, { code: "WHO" }, keyed("attempt-1"))
          expect(replayed.headers["idempotent-replayed"]).toBe("true")
          expect(replayed.json).toEqual(first.json)
        }
        expect((await windowOf("session", session.id)).attempts).toBe(1)

        await preview(session.id, address, "WHAT")
        await preview(session.id, address, "WHERE")
        const refused = await send("post", `/${session.id}/coupons`, address, { code: "SAVE10" }, keyed("attempt-2"))
        expectRefused(refused, "this cart session", PER_SESSION)

        // After the window, the same request with the same key runs (the 429 was not stored for it).
        await age("session", session.id, WINDOW_SECONDS)
        const later = await send("post", `/${session.id}/coupons`, address, { code: "SAVE10" }, keyed("attempt-2"))
        expect(later.status).toBe(200)
        expect(later.headers["idempotent-replayed"]).toBeUndefined()
        expect(later.json.cart_session.discounts.map((discount: any) => [discount.code, discount.status])).toEqual([
          ["WHO", "INVALID"],
          ["SAVE10", "APPLIED"],
        ])
      })

      it("replays a preview (which writes nothing) and a refused change without counting them again", async () => {
        const address = newAddress()
        const session = await createSession(address)
        const keyed = (key: string) => ({ "idempotency-key": key })
        const previewKeyed = () => send("post", `/${session.id}/coupons`, address, { code: "NOPE", validate_only: true }, keyed("preview-1"))
        const staleKeyed = () => send("post", `/${session.id}/coupons`, address, { code: "NADA", version: 99 }, keyed("stale-1"))

        const first = await previewKeyed()
        const again = await previewKeyed()
        const refused = await staleKeyed()
        const refusedAgain = await staleKeyed()

        expect(first.status).toBe(200)
        expect(again.headers["idempotent-replayed"]).toBe("true")
        expect(again.json).toEqual(first.json)
        expect(refused.json.code).toBe("VERSION_CONFLICT")
        expect(refusedAgain.headers["idempotent-replayed"]).toBe("true")
        expect(refusedAgain.json).toEqual(refused.json)
        // the preview's code counted once; the refused change's code given back
        expect((await windowOf("session", session.id)).attempts).toBe(1)
      })
    })
  },
})
