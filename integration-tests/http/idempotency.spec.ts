import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { requestFingerprint, requestScope } from "../../src/api/utils/idempotent-route"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../src/modules/cart-session"
import { IDEMPOTENCY_MODULE, IdempotencyModuleService } from "../../src/modules/idempotency"
import { hostDirectory } from "../helpers/host"
import { createStorefront, registerCustomer } from "../helpers/store"

jest.setTimeout(120_000)

/**
 * `Idempotency-Key` on the plugin's mutating store routes (SPEC §6), through
 * the host with the built plugin. The route used is `POST /store/cart-sessions`
 * (create a cart session); the wrapper's behaviour in detail, including
 * unexpected errors and plugin errors, is also tested in process in
 * src/modules/idempotency/__tests__/idempotent-route.spec.ts.
 */
type RawResponse = { status: number; headers: Record<string, string>; text: string; json: any }

const CREATE_PATH = "/store/cart-sessions"

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let publishableKey: string
    let regionId: string

    /** What the client sees: never thrown on 4xx, body as the raw bytes' text. */
    const createSession = async (body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> => {
      const response = await api.request({
        method: "post",
        url: CREATE_PATH,
        data: body,
        headers: { "x-publishable-api-key": publishableKey, ...headers },
        transformResponse: (data: string) => data,
        validateStatus: () => true,
      })
      const text = response.data as string
      let json: any
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: response.status, headers: response.headers as Record<string, string>, text, json }
    }

    const keyed = (key: string, headers: Record<string, string> = {}) => ({ "idempotency-key": key, ...headers })

    /** A registered, logged-in customer's headers (bearer token and publishable key). */
    const loginCustomer = async (email: string) =>
      (await registerCustomer(api, publishableKey, email)).headers.headers

    const idempotency = () => getContainer().resolve<IdempotencyModuleService>(IDEMPOTENCY_MODULE)

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const storefront = await createStorefront(getContainer())
      publishableKey = storefront.publishableKey
      regionId = storefront.regionId
    })

    describe("the idempotency module in the host", () => {
      it("is registered in the host's container with its table migrated", async () => {
        const { started, record } = await idempotency().begin("anonymous", "host-check", "fp")
        expect(started).toBe(true)
        expect(await idempotency().complete(record.id, 200, "{}")).toMatchObject({ state: "completed" })
        expect(await idempotency().deleteExpired(new Date(Date.now() + 25 * 60 * 60 * 1000))).toBe(1)
      })

      it("has the hourly job that deletes expired keys, run by the host's workflow engine", async () => {
        const expired = await idempotency().begin("anonymous", "old", "fp")
        await idempotency().updateIdempotencyKeys({ id: expired.record.id, expires_at: new Date(Date.now() - 1000) })
        await idempotency().begin("anonymous", "fresh", "fp")

        await getContainer().resolve(Modules.WORKFLOW_ENGINE).run("job-delete-expired-idempotency-keys", { input: {} })

        const left = await idempotency().listIdempotencyKeys({})
        expect(left.map((row) => row.key)).toEqual(["fresh"])
      })
    })

    // Depends on POST /store/cart-sessions (cart sessions, built in parallel).
    describe("POST /store/cart-sessions with an Idempotency-Key", () => {
      it("answers a retry with the same body with the first status and identical bytes, creating one session", async () => {
        const first = await createSession({ region_id: regionId }, keyed("create-1"))
        const retry = await createSession({ region_id: regionId }, keyed("create-1"))
        const unkeyed = await createSession({ region_id: regionId })

        expect(first.status).toBeGreaterThanOrEqual(200)
        expect(first.status).toBeLessThan(300)
        expect(first.headers["idempotent-replayed"]).toBeUndefined()
        expect(retry.status).toBe(first.status)
        expect(retry.text).toBe(first.text)
        expect(retry.headers["content-type"]).toBe("application/json; charset=utf-8")
        expect(retry.headers["idempotent-replayed"]).toBe("true")
        // the retry created nothing; a request without the key creates another session
        const created = await getContainer()
          .resolve<CartSessionModuleService>(CART_SESSION_MODULE)
          .listCartSessions({ region_id: regionId })
        expect(created.map((session) => session.id).sort()).toEqual(
          [first.json.cart_session.id, unkeyed.json.cart_session.id].sort()
        )
      })

      it("refuses the same key with a different body: 409 IDEMPOTENCY_KEY_REUSED", async () => {
        const first = await createSession({ region_id: regionId }, keyed("create-2"))
        const other = await createSession({ region_id: regionId, metadata: { note: "other" } }, keyed("create-2"))

        expect(first.status).toBeLessThan(300)
        expect(other.status).toBe(409)
        expect(other.json).toEqual({
          type: "conflict",
          code: "IDEMPOTENCY_KEY_REUSED",
          message: expect.stringContaining('Idempotency-Key "create-2" was already used for a different request'),
        })
      })

      it("refuses a retry while the first request is still running: 409 IDEMPOTENCY_REQUEST_IN_PROGRESS", async () => {
        const body = { region_id: regionId }
        // The first request, still running in another server process, holds the key.
        const anonymousScope = requestScope({ publishable_key_context: { key: publishableKey } })
        const running = await idempotency().begin(anonymousScope, "create-3", requestFingerprint("POST", CREATE_PATH, body))

        const retry = await createSession(body, keyed("create-3"))

        expect(retry.status).toBe(409)
        expect(retry.json).toEqual({
          type: "conflict",
          code: "IDEMPOTENCY_REQUEST_IN_PROGRESS",
          message: expect.stringContaining('"create-3" is still running'),
        })
        // once that request gave the key up, a retry runs
        await idempotency().abandon(running.record.id)
        expect((await createSession(body, keyed("create-3"))).status).toBeLessThan(300)
      })

      it("answers concurrent requests with one key once: every duplicate waits for the first and gets its answer", async () => {
        const body = { region_id: regionId, metadata: { burst: true } }
        const responses = await Promise.all(
          Array.from({ length: 6 }, () => createSession(body, keyed("create-burst")))
        )

        expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201, 201])
        expect(new Set(responses.map((response) => response.text)).size).toBe(1)
        expect(responses.filter((response) => !response.headers["idempotent-replayed"])).toHaveLength(1)
        const created = await getContainer()
          .resolve<CartSessionModuleService>(CART_SESSION_MODULE)
          .listCartSessions({ region_id: regionId })
        expect(created.filter((session) => (session.metadata as any)?.burst).map((session) => session.id)).toEqual([
          responses[0].json.cart_session.id,
        ])
        const replay = await createSession(body, keyed("create-burst"))
        expect(replay.text).toBe(responses[0].text)
      })

      it("applies a change of a session sent at once with one key once, and answers every duplicate with it", async () => {
        const session = (await createSession({ region_id: regionId })).json.cart_session
        const change = (headers: Record<string, string>) =>
          api.request({
            method: "post",
            url: `${CREATE_PATH}/${session.id}`,
            data: { email: "burst@example.com" },
            headers: { "x-publishable-api-key": publishableKey, ...headers },
            transformResponse: (data: string) => data,
            validateStatus: () => true,
          })
        const responses = await Promise.all(Array.from({ length: 6 }, () => change(keyed("update-burst"))))

        expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200])
        expect(new Set(responses.map((response) => response.data)).size).toBe(1)
        expect(responses.filter((response) => !response.headers["idempotent-replayed"])).toHaveLength(1)
        expect(JSON.parse(responses[0].data).cart_session.version).toBe(session.version + 1)
        const stored = await getContainer().resolve<CartSessionModuleService>(CART_SESSION_MODULE).loadSessionState(session.id)
        expect(stored).toMatchObject({ version: session.version + 1, email: "burst@example.com" })
        // the same key again later: replayed, still applied once
        const retry = await change(keyed("update-burst"))
        expect(retry.data).toBe(responses[0].data)
        expect(retry.headers["idempotent-replayed"]).toBe("true")
      })

      it("takes the key only with a change that is made: a keyed change beaten by another is decided again and answered fresh", async () => {
        const session = (await createSession({ region_id: regionId })).json.cart_session
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const blocked = async () =>
          Number(
            (
              await knex.raw(
                `select count(*) as waiting from pg_stat_activity
                  where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update "cart_session"%'`
              )
            ).rows[0].waiting
          )
        // Another change holds the session's row; the keyed change (no version sent) takes its key, then waits
        // for the row, and finds the session at a newer version: it must not keep the key it took.
        const other = await knex.transaction()
        let answer: any
        try {
          await other.raw(`select id from cart_session where id = ? for update`, [session.id])
          answer = api.request({
            method: "post",
            url: `${CREATE_PATH}/${session.id}`,
            data: { email: "beaten@example.com" },
            headers: { "x-publishable-api-key": publishableKey, ...keyed("beaten-once") },
            transformResponse: (data: string) => data,
            validateStatus: () => true,
          })
          for (let waited = 0; (await blocked()) === 0; waited += 50) {
            if (waited > 20_000) throw new Error("the keyed change never waited for the session's row")
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
          await other.raw(`update cart_session set version = version + 1 where id = ?`, [session.id])
          await other.commit()
        } catch (error) {
          await other.rollback().catch(() => {})
          throw error
        }
        const response = await answer

        expect(response.status).toBe(200)
        expect(response.headers["idempotent-replayed"]).toBeUndefined()
        expect(JSON.parse(response.data).cart_session).toMatchObject({ email: "beaten@example.com", version: session.version + 2 })
        const stored = await getContainer().resolve<CartSessionModuleService>(CART_SESSION_MODULE).loadSessionState(session.id)
        expect(stored).toMatchObject({ email: "beaten@example.com", version: session.version + 2 })
        const [key] = await idempotency().listIdempotencyKeys({ key: "beaten-once" })
        expect(key).toMatchObject({ state: "completed", response_body: response.data })
      })

      it("keeps the key free when the host refuses the body before the route runs", async () => {
        // An unknown field: the strict body validator refuses it before the route runs.
        const invalid = await createSession({ region_id: regionId, colour: "red" }, keyed("create-4"))
        const valid = await createSession({ region_id: regionId }, keyed("create-4"))

        expect(invalid.status).toBe(400)
        expect(invalid.json.message).toMatch(/colour/)
        expect(valid.status).toBeLessThan(300)
        expect(valid.headers["idempotent-replayed"]).toBeUndefined()
      })

      it("never replays one shopper's response to another shopper with the same key", async () => {
        const alice = await loginCustomer("alice@example.com")
        const bob = await loginCustomer("bob@example.com")
        const body = { region_id: regionId }

        const forAlice = await createSession(body, keyed("shared-key", alice))
        const forBob = await createSession(body, keyed("shared-key", bob))
        const forAnonymous = await createSession(body, keyed("shared-key"))
        const aliceAgain = await createSession(body, keyed("shared-key", alice))

        expect(forBob.status).toBeLessThan(300)
        expect(forBob.headers["idempotent-replayed"]).toBeUndefined()
        expect(forAnonymous.headers["idempotent-replayed"]).toBeUndefined()
        const ids = [forAlice, forBob, forAnonymous].map((response) => response.json.cart_session.id)
        expect(new Set(ids).size).toBe(3)
        expect(aliceAgain.text).toBe(forAlice.text)
        expect(aliceAgain.headers["idempotent-replayed"]).toBe("true")
      })

      it("never replays an anonymous shopper's response to an anonymous shopper of another storefront", async () => {
        const otherStorefront = await createStorefront(getContainer(), { name: "Other shop" })
        const body = {}

        const first = await createSession(body, keyed("anonymous-key"))
        const elsewhere = await createSession(body, {
          ...keyed("anonymous-key"),
          "x-publishable-api-key": otherStorefront.publishableKey,
        })

        expect(elsewhere.status).toBe(201)
        expect(elsewhere.headers["idempotent-replayed"]).toBeUndefined()
        expect(elsewhere.json.cart_session.id).not.toBe(first.json.cart_session.id)
      })

      it("refuses a malformed key with 400 IDEMPOTENCY_KEY_INVALID and stores nothing", async () => {
        const response = await createSession({ region_id: regionId }, keyed("k".repeat(256)))

        expect(response.status).toBe(400)
        expect(response.json).toEqual({
          type: "invalid_data",
          code: "IDEMPOTENCY_KEY_INVALID",
          message: expect.stringContaining("Idempotency-Key must be 1 to 255 printable ASCII characters"),
        })
        expect(await idempotency().listIdempotencyKeys({})).toEqual([])
      })
    })
  },
})
