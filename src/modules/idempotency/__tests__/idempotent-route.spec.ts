import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { IDEMPOTENCY_MODULE } from ".."
import IdempotencyModuleService from "../service"
import { idempotencyModuleUnderTest } from "./runner-options"
import { CheckoutDiscountError } from "../../../lib/errors"
import {
  idempotentRoute,
  MutatingRouteHandler,
  pendingIdempotencyKey,
  requestFingerprint,
  RouteResult,
  sessionChangeRoute,
} from "../../../api/utils/idempotent-route"
import { takeKeyCompleted } from "../service"
import { IdempotencyKeyTakenError, noteCompletedInChange } from "../utils"

jest.setTimeout(60_000)

/**
 * The wrapper in process, on the real idempotency module and database; only
 * the express request and response are minimal stand-ins (what the wrapper
 * reads and calls). The same behaviour through the booted host is in
 * integration-tests/http/idempotency.spec.ts.
 */
type SentResponse = { status: number; headers: Record<string, string>; body: string }

type RequestInput = {
  key?: string
  body?: unknown
  method?: string
  path?: string
  customerId?: string
}

moduleIntegrationTestRunner<IdempotencyModuleService>({
  ...idempotencyModuleUnderTest,
  testSuite: ({ service, MikroOrmWrapper }) => {
    const warnings: string[] = []
    const container: Record<string, unknown> = {
      [IDEMPOTENCY_MODULE]: service,
      [ContainerRegistrationKeys.LOGGER]: { warn: (message: string) => warnings.push(message) },
    }

    const fakeRequest = ({ key, body = {}, method = "POST", path = "/store/cart-sessions", customerId }: RequestInput) => ({
      method,
      baseUrl: "",
      path,
      body,
      headers: key === undefined ? {} : { "idempotency-key": key },
      auth_context: customerId ? { actor_type: "customer", actor_id: customerId } : undefined,
      scope: { resolve: (name: string) => container[name] },
    })

    /** Calls the wrapped handler like express would and returns what it sent. */
    const call = async (handler: MutatingRouteHandler, input: RequestInput, wrap = idempotentRoute): Promise<SentResponse> => {
      const sent: SentResponse = { status: 0, headers: {}, body: "" }
      const res = {
        status(code: number) {
          sent.status = code
          return res
        },
        setHeader(name: string, value: string) {
          sent.headers[name.toLowerCase()] = value
          return res
        },
        send(body: string) {
          sent.body = body
          return res
        },
      }
      await wrap(handler)(fakeRequest(input) as any, res as any)
      return sent
    }

    /** A handler that counts its runs and answers a new "session" each time. */
    const countingHandler = (result?: (run: number) => RouteResult) => {
      const handler = Object.assign(
        async (req: any): Promise<RouteResult> => {
          handler.runs += 1
          return result?.(handler.runs) ?? {
            status: 201,
            body: { cart_session: { id: `cs_${handler.runs}`, total: 12.5, note: "café ☕", echo: req.body } },
          }
        },
        { runs: 0 }
      )
      return handler
    }

    const storedKeys = () => service.listIdempotencyKeys({})
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const eventuallyTrue = async (condition: () => boolean) => {
      for (let waited = 0; !condition(); waited += 10) {
        if (waited > 10_000) throw new Error("the condition never held")
        await pause(10)
      }
    }

    /** `replay` is `first` again: same status, same bytes, marked as replayed. */
    const expectReplayOf = (replay: SentResponse, first: SentResponse) => {
      expect(replay.status).toBe(first.status)
      expect(replay.body).toBe(first.body)
      expect(replay.headers["content-type"]).toBe("application/json; charset=utf-8")
      expect(replay.headers["idempotent-replayed"]).toBe("true")
    }

    /** The response is the plugin's error body with that status, not a replay. */
    const expectError = (sent: SentResponse, status: number, body: { type: string; code: string; message: unknown }) => {
      expect(sent.status).toBe(status)
      expect(sent.headers["idempotent-replayed"]).toBeUndefined()
      expect(JSON.parse(sent.body)).toEqual(body)
    }

    beforeEach(() => {
      warnings.length = 0
    })

    describe("without an Idempotency-Key", () => {
      it("runs the handler every time and stores nothing", async () => {
        const handler = countingHandler()
        const first = await call(handler, { body: { region_id: "reg_1" } })
        const second = await call(handler, { body: { region_id: "reg_1" } })

        expect(handler.runs).toBe(2)
        expect(first.status).toBe(201)
        expect(first.headers["content-type"]).toBe("application/json; charset=utf-8")
        expect(JSON.parse(second.body).cart_session.id).toBe("cs_2")
        expect(second.headers["idempotent-replayed"]).toBeUndefined()
        expect(await storedKeys()).toHaveLength(0)
      })

      it("answers a plugin error with its own code and message", async () => {
        const handler = async (): Promise<RouteResult> => {
          throw new CheckoutDiscountError("CART_SESSION_NOT_FOUND", "Cart session cs_x was not found")
        }
        const sent = await call(handler, {})

        expectError(sent, 404, {
          type: "not_found",
          code: "CART_SESSION_NOT_FOUND",
          message: "Cart session cs_x was not found",
        })
      })
    })

    describe("a retry with the same key and the same request", () => {
      it("gets the first status and the identical bytes, and the handler runs once", async () => {
        const handler = countingHandler()
        const first = await call(handler, { key: "k-same", body: { region_id: "reg_1", items: [{ q: 1 }] } })
        const retry = await call(handler, { key: "k-same", body: { items: [{ q: 1 }], region_id: "reg_1" } })

        expect(handler.runs).toBe(1)
        expect(first.status).toBe(201)
        expect(first.headers["idempotent-replayed"]).toBeUndefined()
        expectReplayOf(retry, first)
        const [stored] = await storedKeys()
        expect(stored).toMatchObject({ state: "completed", response_status: 201, response_body: first.body })
      })

      it("replays a plugin error the first request answered", async () => {
        const handler = Object.assign(
          async (): Promise<RouteResult> => {
            handler.runs += 1
            throw new CheckoutDiscountError("VERSION_CONFLICT", `Cart session is at version 4, not 3 (run ${handler.runs})`)
          },
          { runs: 0 }
        )
        const first = await call(handler, { key: "k-conflict", body: { version: 3 } })
        const retry = await call(handler, { key: "k-conflict", body: { version: 3 } })

        expect(handler.runs).toBe(1)
        expectError(first, 409, {
          type: "conflict",
          code: "VERSION_CONFLICT",
          message: "Cart session is at version 4, not 3 (run 1)",
        })
        expectReplayOf(retry, first)
      })
    })

    describe("the same key with a different request", () => {
      it("is refused with 409 IDEMPOTENCY_KEY_REUSED, for another body, path or method", async () => {
        const handler = countingHandler()
        await call(handler, { key: "k-reused", body: { region_id: "reg_1" } })

        const refusals = [
          await call(handler, { key: "k-reused", body: { region_id: "reg_2" } }),
          await call(handler, { key: "k-reused", body: { region_id: "reg_1" }, path: "/store/cart-sessions/cs_1/price" }),
          await call(handler, { key: "k-reused", body: { region_id: "reg_1" }, method: "DELETE" }),
        ]

        expect(handler.runs).toBe(1)
        for (const refusal of refusals) {
          expectError(refusal, 409, {
            type: "conflict",
            code: "IDEMPOTENCY_KEY_REUSED",
            message: expect.stringContaining('Idempotency-Key "k-reused" was already used for a different request'),
          })
        }
        const [stored] = await storedKeys()
        expect(JSON.parse(stored.response_body!).cart_session.id).toBe("cs_1")
      })
    })

    describe("a retry while the first request is still running", () => {
      it("is refused with 409 IDEMPOTENCY_REQUEST_IN_PROGRESS, and the first response is stored afterwards", async () => {
        let entered!: () => void
        let release!: () => void
        const handlerEntered = new Promise<void>((resolve) => (entered = resolve))
        const handlerReleased = new Promise<void>((resolve) => (release = resolve))
        const handler = countingHandler()
        const slowHandler: MutatingRouteHandler = async (req, res) => {
          entered()
          await handlerReleased
          return handler(req)
        }

        const first = call(slowHandler, { key: "k-slow", body: { region_id: "reg_1" } })
        await handlerEntered
        const whileRunning = await call(slowHandler, { key: "k-slow", body: { region_id: "reg_1" } })
        release()
        const firstSent = await first
        const afterwards = await call(slowHandler, { key: "k-slow", body: { region_id: "reg_1" } })

        expectError(whileRunning, 409, {
          type: "conflict",
          code: "IDEMPOTENCY_REQUEST_IN_PROGRESS",
          message: expect.stringContaining('"k-slow" is still running'),
        })
        expect(handler.runs).toBe(1)
        expect(firstSent.status).toBe(201)
        expectReplayOf(afterwards, firstSent)
      })
    })

    describe("an unexpected error in the handler", () => {
      it("goes to the host, frees the key, and a retry runs the handler again", async () => {
        const handler = countingHandler()
        const failingOnce: MutatingRouteHandler = async (req) => {
          if (handler.runs === 0) {
            handler.runs += 1
            throw new Error("database connection lost")
          }
          return handler(req)
        }

        await expect(call(failingOnce, { key: "k-fail", body: { region_id: "reg_1" } })).rejects.toThrow(
          "database connection lost"
        )
        expect(await storedKeys()).toHaveLength(0)

        const retry = await call(failingOnce, { key: "k-fail", body: { region_id: "reg_1" } })
        expect(handler.runs).toBe(2)
        expect(retry.status).toBe(201)
        expect(retry.headers["idempotent-replayed"]).toBeUndefined()
        expect(JSON.parse(retry.body).cart_session.id).toBe("cs_2")
        expect(warnings).toEqual([])
      })
    })

    describe("shoppers", () => {
      it("never receive another shopper's stored response for the same key", async () => {
        const handler = countingHandler()
        const body = { region_id: "reg_1" }
        const alice = await call(handler, { key: "k-shared", body, customerId: "cus_alice" })
        const bob = await call(handler, { key: "k-shared", body, customerId: "cus_bob" })
        const anonymous = await call(handler, { key: "k-shared", body })
        const aliceAgain = await call(handler, { key: "k-shared", body, customerId: "cus_alice" })

        expect(handler.runs).toBe(3)
        expect([alice, bob, anonymous].map((sent) => JSON.parse(sent.body).cart_session.id)).toEqual([
          "cs_1",
          "cs_2",
          "cs_3",
        ])
        expect(bob.headers["idempotent-replayed"]).toBeUndefined()
        expectReplayOf(aliceAgain, alice)
        const scopes = (await storedKeys()).map((row) => row.scope).sort()
        expect(scopes).toEqual(["anonymous", "customer:cus_alice", "customer:cus_bob"])
      })
    })

    describe("a malformed key", () => {
      it.each([
        ["empty", ""],
        ["longer than 255 characters", "k".repeat(256)],
        ["not printable ASCII", "clé"],
      ])("is refused with 400 IDEMPOTENCY_KEY_INVALID when %s, before the handler runs", async (_, key) => {
        const handler = countingHandler()
        const sent = await call(handler, { key, body: { region_id: "reg_1" } })

        expectError(sent, 400, {
          type: "invalid_data",
          code: "IDEMPOTENCY_KEY_INVALID",
          message: expect.stringContaining("Idempotency-Key must be 1 to 255 printable ASCII characters"),
        })
        expect(handler.runs).toBe(0)
        expect(await storedKeys()).toHaveLength(0)
      })
    })

    describe("a session change (sessionChangeRoute): the key taken with the answer in the change's transaction", () => {
      const knex = () => MikroOrmWrapper.getManager().getKnex()
      /** The rows a change writes, one per applied change. */
      const applied = async () => (await knex().raw(`select run from test_change order by run`)).rows.map((row: any) => row.run)

      beforeEach(async () => {
        await knex().raw(`create table if not exists test_change (run int not null)`)
        await knex().raw(`delete from test_change`)
      })

      /**
       * A change as writeSessionChange makes one: in one transaction, the key taken with the answer first
       * (taken already: rolled back), then the change's row. `beforeCommit` runs inside, after the row.
       */
      const changeHandler = (beforeCommit?: (run: number) => Promise<void>) => {
        const handler = Object.assign(
          async (req: any): Promise<RouteResult> => {
            const run = ++handler.runs
            const pending = pendingIdempotencyKey(req)
            const body = { cart_session: { id: `cs_${run}`, note: "café ☕" } }
            const bytes = JSON.stringify(body)
            await knex().transaction(async (transaction) => {
              if (pending && !(await takeKeyCompleted(transaction, pending, 201, bytes))) {
                throw new IdempotencyKeyTakenError(pending.idempotency_key)
              }
              await transaction.raw(`insert into test_change (run) values (?)`, [run])
              await beforeCommit?.(run)
            })
            if (pending) {
              noteCompletedInChange(pending.id, bytes)
            }
            return { status: 201, body }
          },
          { runs: 0 }
        )
        return handler
      }

      it("stores the answer with the change; a retry runs to the commit, is rolled back and gets the first answer", async () => {
        const handler = changeHandler()
        const first = await call(handler, { key: "k-change", body: { region_id: "reg_1" } }, sessionChangeRoute)
        const retry = await call(handler, { key: "k-change", body: { region_id: "reg_1" } }, sessionChangeRoute)

        expect(first.status).toBe(201)
        expect(first.headers["idempotent-replayed"]).toBeUndefined()
        expectReplayOf(retry, first)
        expect(handler.runs).toBe(2)
        expect(await applied()).toEqual([1])
        const [stored] = await storedKeys()
        expect(stored).toMatchObject({ state: "completed", response_status: 201, response_body: first.body })
      })

      it("answers duplicates running at the same time with the one answer, the change applied once", async () => {
        let arrived = 0
        let allArrived!: () => void
        const everyoneIn = new Promise<void>((resolve) => (allArrived = resolve))
        // Every duplicate is inside its transaction before the first commits: they wait for it at the key.
        const handler = changeHandler(async () => {
          if (++arrived === 1) {
            await everyoneIn
          }
        })
        const calls = Array.from({ length: 5 }, () => call(handler, { key: "k-burst", body: { region_id: "reg_1" } }, sessionChangeRoute))
        await eventuallyTrue(() => handler.runs === 5)
        await pause(200)
        allArrived()
        const sent = await Promise.all(calls)

        expect(sent.map((each) => each.status)).toEqual([201, 201, 201, 201, 201])
        expect(new Set(sent.map((each) => each.body)).size).toBe(1)
        expect(sent.filter((each) => each.headers["idempotent-replayed"] === "true")).toHaveLength(4)
        expect(await applied()).toHaveLength(1)
      })

      it("stores a refusal that wrote nothing after the handler, and replays it", async () => {
        const handler = Object.assign(
          async (): Promise<RouteResult> => {
            handler.runs += 1
            throw new CheckoutDiscountError("VERSION_CONFLICT", `Cart session is at version 4, not 3 (run ${handler.runs})`)
          },
          { runs: 0 }
        )
        const first = await call(handler, { key: "k-refused", body: { version: 3 } }, sessionChangeRoute)
        const retry = await call(handler, { key: "k-refused", body: { version: 3 } }, sessionChangeRoute)

        expectError(first, 409, { type: "conflict", code: "VERSION_CONFLICT", message: "Cart session is at version 4, not 3 (run 1)" })
        expectReplayOf(retry, first)
        expect(handler.runs).toBe(2)
      })

      it("refuses the key of another request (409 REUSED) and of one still running (409 IN_PROGRESS), rolling the change back", async () => {
        const handler = changeHandler()
        await call(handler, { key: "k-other", body: { region_id: "reg_1" } }, sessionChangeRoute)
        const reused = await call(handler, { key: "k-other", body: { region_id: "reg_2" } }, sessionChangeRoute)
        // held by a request of a route that takes its key first, still running
        const running = await service.begin("anonymous", "k-running", requestFingerprint("POST", "/store/cart-sessions", { region_id: "reg_1" }))
        const inProgress = await call(handler, { key: "k-running", body: { region_id: "reg_1" } }, sessionChangeRoute)

        expectError(reused, 409, {
          type: "conflict",
          code: "IDEMPOTENCY_KEY_REUSED",
          message: expect.stringContaining('Idempotency-Key "k-other" was already used for a different request'),
        })
        expectError(inProgress, 409, {
          type: "conflict",
          code: "IDEMPOTENCY_REQUEST_IN_PROGRESS",
          message: expect.stringContaining('"k-running" is still running'),
        })
        expect(await applied()).toEqual([1])
        expect(running.started).toBe(true)
      })

      it("stores nothing after an unexpected error or a 429, and a retry runs again", async () => {
        let failWith: Error | null = new Error("database connection lost")
        const change = changeHandler()
        const handler: MutatingRouteHandler = async (req, res) => {
          if (failWith) {
            const error = failWith
            failWith = null
            throw error
          }
          return change(req)
        }
        await expect(call(handler, { key: "k-fails", body: {} }, sessionChangeRoute)).rejects.toThrow("database connection lost")
        failWith = new CheckoutDiscountError("CART_SESSION_CODE_ATTEMPTS_EXCEEDED", "too many", { "Retry-After": "60" })
        const limited = await call(handler, { key: "k-limited", body: {} }, sessionChangeRoute)
        expect(limited.status).toBe(429)
        expect(await storedKeys()).toHaveLength(0)

        const retried = await call(handler, { key: "k-fails", body: {} }, sessionChangeRoute)
        expect(retried.status).toBe(201)
        expect(retried.headers["idempotent-replayed"]).toBeUndefined()
        expect(await applied()).toEqual([1])
      })
    })
  },
})
