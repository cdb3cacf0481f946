import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CODE_ATTEMPT_MODULE } from ".."
import { CodeAttemptWindow } from "../models"
import CodeAttemptModuleService from "../service"
import { withCodeAttempts } from "../../../api/store/cart-sessions/code-attempts"

jest.setTimeout(60_000)

/**
 * The routes' guard in process, on the real counter module and database; the
 * request is a minimal stand-in (what the guard reads: scope, params, ip,
 * headers). Through the booted host: integration-tests/http/code-attempts.spec.ts.
 * Here the store names its clients itself (`clientAddress`), as behind a CDN.
 */
moduleIntegrationTestRunner<CodeAttemptModuleService>({
  moduleName: CODE_ATTEMPT_MODULE,
  moduleModels: [CodeAttemptWindow],
  resolve: "./src/modules/code-attempt",
  pathToMigrations: path.join(__dirname, "../migrations"),
  moduleOptions: {
    codeAttempts: {
      perClient: 2,
      windowSeconds: 60,
      clientAddress: (req: { headers: Record<string, string | undefined> }) => req.headers["cf-connecting-ip"],
    },
  },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const warnings: string[] = []
    const container: Record<string, unknown> = {
      [CODE_ATTEMPT_MODULE]: service,
      [ContainerRegistrationKeys.LOGGER]: { warn: (message: string) => warnings.push(message) },
    }
    const request = (edge: string, client?: string, sessionId = "csess_1") =>
      ({
        ip: edge,
        params: { id: sessionId },
        headers: client ? { "cf-connecting-ip": client } : {},
        scope: { resolve: (name: string) => container[name] },
      }) as any
    const invalid = (code: string) => async () => ({ discounts: [{ code, status: "INVALID" }] })
    const guard = { outcomesOf: (result: { discounts: { code: string; status: string }[] }) => result.discounts }
    const windows = () => MikroOrmWrapper.getManager().getKnex()("code_attempt_window").select("scope", "subject", "attempts")

    it("counts the client the store names, not the proxy's address, and refuses with 429 and Retry-After", async () => {
      await withCodeAttempts(request("10.0.0.1", "203.0.113.5"), { codes: ["A"], ...guard }, invalid("A"))
      await withCodeAttempts(request("10.0.0.2", "203.0.113.5", "csess_2"), { codes: ["B"], ...guard }, invalid("B"))
      expect(await windows()).toEqual([{ scope: "client", subject: "203.0.113.5", attempts: 2 }])

      const run = jest.fn(invalid("C"))
      const refusal = await withCodeAttempts(request("10.0.0.1", "203.0.113.5", "csess_3"), { codes: ["C"], ...guard }, run).catch(
        (error) => error
      )
      expect(run).not.toHaveBeenCalled()
      expect(refusal).toMatchObject({
        status: 429,
        code: "CART_SESSION_CODE_ATTEMPTS_EXCEEDED",
        type: "not_allowed",
        message: expect.stringContaining("this client address (at most 2 in 1 minute)"),
        headers: { "Retry-After": expect.stringMatching(/^\d+$/) },
      })
      // The same edge, another client: counted apart.
      await withCodeAttempts(request("10.0.0.1", "198.51.100.9"), { codes: ["D"], ...guard }, invalid("D"))
    })

    it("gives every attempt back when the request fails, and counts a code named twice once", async () => {
      const failing = withCodeAttempts(request("10.0.0.1", "203.0.113.6"), { codes: ["X", "x "], ...guard }, async () => {
        throw new Error("a stale version")
      })
      await expect(failing).rejects.toThrow("a stale version")
      expect(await windows()).toEqual([{ scope: "client", subject: "203.0.113.6", attempts: 0 }])

      await withCodeAttempts(request("10.0.0.1", "203.0.113.6"), { codes: ["X", "x "], ...guard }, invalid("X"))
      expect(await windows()).toEqual([{ scope: "client", subject: "203.0.113.6", attempts: 1 }])
    })

    it("counts nothing for a request without codes, or without a client to count it on", async () => {
      expect(await withCodeAttempts(request("10.0.0.1", "203.0.113.7"), { codes: [], ...guard }, invalid("A"))).toBeDefined()
      expect(await withCodeAttempts(request("10.0.0.1"), { codes: ["A"], ...guard }, invalid("A"))).toBeDefined()
      expect(await windows()).toEqual([])
      expect(warnings).toEqual([])
    })
  },
})
