import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { IDEMPOTENCY_MODULE } from ".."
import IdempotencyModuleService from "../service"
import { idempotencyModuleUnderTest } from "./runner-options"
import { CheckoutDiscountError } from "../../../lib/errors"
import { idempotentRoute, MutatingRouteHandler, RouteResult } from "../../../api/utils/idempotent-route"

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
  testSuite: ({ service }) => {
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
    const call = async (handler: MutatingRouteHandler, input: RequestInput): Promise<SentResponse> => {
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
      await idempotentRoute(handler)(fakeRequest(input) as any, res as any)
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
  },
})
