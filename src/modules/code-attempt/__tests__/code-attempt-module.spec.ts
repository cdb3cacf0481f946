import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { CodeAttemptSubject } from "../../../lib/code-attempts"
import { CODE_ATTEMPT_MODULE } from ".."
import { CodeAttemptWindow } from "../models"
import CodeAttemptModuleService from "../service"
import deleteEndedCodeAttemptWindowsJob from "../../../jobs/delete-ended-code-attempt-windows"

jest.setTimeout(60_000)

const WINDOW = 900

/**
 * The counter itself, on a real PostgreSQL and its committed migration: one
 * conditional upsert per request (README "Code guessing").
 */
moduleIntegrationTestRunner<CodeAttemptModuleService>({
  moduleName: CODE_ATTEMPT_MODULE,
  moduleModels: [CodeAttemptWindow],
  resolve: "./src/modules/code-attempt",
  pathToMigrations: path.join(__dirname, "../migrations"),
  moduleOptions: { codeAttempts: { perSession: 3, perClient: 5 } },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const session = (id = "csess_1", limit = 3): CodeAttemptSubject => ({ scope: "session", subject: id, limit })
    const client = (address = "203.0.113.7", limit = 5): CodeAttemptSubject => ({ scope: "client", subject: address, limit })

    const knex = () => MikroOrmWrapper.getManager().getKnex()
    const windowOf = async (subject: CodeAttemptSubject) =>
      await knex()("code_attempt_window").where({ scope: subject.scope, subject: subject.subject }).first()
    /** Moves a window's start back, as the clock moving on would. */
    const age = async (subject: CodeAttemptSubject, seconds: number) =>
      await knex().raw(
        `update code_attempt_window set window_start = window_start - make_interval(secs => ?) where scope = ? and subject = ?`,
        [seconds, subject.scope, subject.subject]
      )

    it("reads its limits from the plugin options", () => {
      expect(service.getLimits()).toEqual({ perSession: 3, perClient: 5, windowSeconds: WINDOW })
    })

    it("counts attempts up to the limit, then refuses without changing the window", async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await service.reserve([session()], 1, WINDOW)).toMatchObject({ allowed: true })
      }
      const full = await windowOf(session())
      expect(full.attempts).toBe(3)

      const refused = await service.reserve([session()], 1, WINDOW)
      expect(refused).toEqual({ allowed: false, scope: "session", limit: 3, retry_after_seconds: expect.any(Number) })
      expect((refused as { retry_after_seconds: number }).retry_after_seconds).toBeGreaterThan(WINDOW - 5)
      expect((refused as { retry_after_seconds: number }).retry_after_seconds).toBeLessThanOrEqual(WINDOW)

      const after = await windowOf(session())
      expect(after.attempts).toBe(3)
      expect(after.window_start).toEqual(full.window_start)
    })

    it("starts a new window once the old one is over, and says how long is left of the current one", async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        await service.reserve([session()], 1, WINDOW)
      }
      await age(session(), WINDOW - 60)
      const refused = await service.reserve([session()], 1, WINDOW)
      expect(refused).toMatchObject({ allowed: false, retry_after_seconds: expect.any(Number) })
      expect((refused as { retry_after_seconds: number }).retry_after_seconds).toBeGreaterThan(55)
      expect((refused as { retry_after_seconds: number }).retry_after_seconds).toBeLessThanOrEqual(60)

      await age(session(), 60)
      expect(await service.reserve([session()], 1, WINDOW)).toMatchObject({ allowed: true })
      const renewed = await windowOf(session())
      expect(renewed.attempts).toBe(1)
      expect(Date.now() - new Date(renewed.window_start).getTime()).toBeLessThan(10_000)
    })

    it("refuses all or nothing: a session below its limit is not counted when its client is at its limit", async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await service.reserve([session(`csess_${attempt}`), client()], 1, WINDOW)
      }
      const refused = await service.reserve([session("csess_fresh"), client()], 1, WINDOW)
      expect(refused).toMatchObject({ allowed: false, scope: "client", limit: 5 })
      expect((await windowOf(session("csess_fresh"))).attempts).toBe(0)
      expect((await windowOf(client())).attempts).toBe(5)
      // Another address is not limited by this one.
      expect(await service.reserve([session("csess_fresh"), client("198.51.100.1")], 1, WINDOW)).toMatchObject({ allowed: true })
    })

    it("gives back attempts to the window they were counted in only", async () => {
      const first = await service.reserve([session(), client()], 2, WINDOW)
      if (!first.allowed) {
        throw new Error("expected the first attempts to be counted")
      }
      await service.giveBack(first.reservation, 1)
      expect((await windowOf(session())).attempts).toBe(1)
      expect((await windowOf(client())).attempts).toBe(1)

      // The session's window ends and a new one starts: the rest of the old reservation leaves it alone.
      await age(session(), WINDOW)
      await service.reserve([session()], 1, WINDOW)
      await service.giveBack(first.reservation, 1)
      expect((await windowOf(session())).attempts).toBe(1)
      expect((await windowOf(client())).attempts).toBe(0)
    })

    it("holds the limit under concurrent requests: exactly the limit is counted", async () => {
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, (_, index) => service.reserve([session(`csess_c${index}`, 3), client("192.0.2.9", 12)], 1, WINDOW))
      )
      expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(12)
      expect((await windowOf(client("192.0.2.9"))).attempts).toBe(12)
      const sessionsCounted = await knex()("code_attempt_window").where({ scope: "session" }).sum("attempts as total").first()
      expect(Number(sessionsCounted.total)).toBe(12)
    })

    it("deletes the windows that are over", async () => {
      await service.reserve([session("csess_old")], 1, WINDOW)
      await service.reserve([session("csess_new")], 1, WINDOW)
      await age(session("csess_old"), WINDOW + 1)
      expect(await service.deleteEnded(WINDOW)).toBe(1)
      expect(await windowOf(session("csess_old"))).toBeUndefined()
      expect(await windowOf(session("csess_new"))).toBeDefined()
    })

    it("has a scheduled job that deletes the windows over by the option's length", async () => {
      await service.reserve([client("192.0.2.50")], 1, WINDOW)
      await service.reserve([client("192.0.2.51")], 1, WINDOW)
      await age(client("192.0.2.50"), WINDOW)
      const logged: string[] = []
      const container = {
        resolve: (name: string) => (name === CODE_ATTEMPT_MODULE ? service : { info: (line: string) => logged.push(line) }),
      }
      await deleteEndedCodeAttemptWindowsJob(container as any)
      expect(await windowOf(client("192.0.2.50"))).toBeUndefined()
      expect(await windowOf(client("192.0.2.51"))).toBeDefined()
      expect(logged).toEqual(["Deleted 1 ended code attempt window(s)"])
    })
  },
})
