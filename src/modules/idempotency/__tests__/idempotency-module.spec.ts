import { MedusaError } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import IdempotencyModuleService, { IDEMPOTENCY_KEY_TTL_MS, IDEMPOTENCY_LOCK_STALE_MS } from "../service"
import { idempotencyModuleUnderTest } from "./runner-options"

jest.setTimeout(60_000)

const HOUR = 60 * 60 * 1000

moduleIntegrationTestRunner<IdempotencyModuleService>({
  ...idempotencyModuleUnderTest,
  testSuite: ({ service }) => {
    const ago = (ms: number) => new Date(Date.now() - ms)

    const expire = (id: string) => service.updateIdempotencyKeys({ id, expires_at: ago(1000) })

    /** A key taken by a request whose lock was taken `lockedAgo` ms ago. */
    const takenAgo = async (key: string, fingerprint: string, lockedAgo: number) => {
      const { record } = await service.begin("anonymous", key, fingerprint)
      await service.updateIdempotencyKeys({ id: record.id, locked_at: ago(lockedAgo) })
      return record
    }

    describe("begin", () => {
      it("takes a new key: an in_progress row locked now that expires in 24 hours", async () => {
        const before = Date.now()
        const { started, record } = await service.begin("anonymous", "key-1", "fp-1")

        expect(started).toBe(true)
        expect(record).toMatchObject({
          scope: "anonymous",
          key: "key-1",
          request_fingerprint: "fp-1",
          state: "in_progress",
          response_status: null,
          response_body: null,
        })
        expect(record.id).toMatch(/^idem_/)
        expect(record.locked_at!.getTime()).toBeGreaterThanOrEqual(before - 1000)
        expect(record.expires_at.getTime() - record.locked_at!.getTime()).toBe(IDEMPOTENCY_KEY_TTL_MS)
      })

      it("returns the live row without taking it when the key is already held", async () => {
        const first = await service.begin("anonymous", "key-2", "fp-1")
        const again = await service.begin("anonymous", "key-2", "fp-1")
        const otherRequest = await service.begin("anonymous", "key-2", "fp-other")

        expect(again).toEqual({ started: false, record: first.record })
        expect(otherRequest).toEqual({ started: false, record: first.record })
      })

      it("keeps the same key of another scope apart", async () => {
        const alice = await service.begin("customer:cus_alice", "shared", "fp-1")
        const bob = await service.begin("customer:cus_bob", "shared", "fp-1")

        expect(alice.started && bob.started).toBe(true)
        const rows = await service.listIdempotencyKeys({ key: "shared" })
        expect(rows.map((row) => [row.scope, row.id]).sort()).toEqual(
          [
            ["customer:cus_alice", alice.record.id],
            ["customer:cus_bob", bob.record.id],
          ].sort()
        )
      })

      it("lets exactly one of 10 concurrent calls take the same key", async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, () => service.begin("anonymous", "raced", "fp-1"))
        )

        expect(results.filter((result) => result.started)).toHaveLength(1)
        expect(new Set(results.map((result) => result.record.id)).size).toBe(1)
        expect(await service.listIdempotencyKeys({ key: "raced" })).toHaveLength(1)
      })

      it("refuses a key that is empty, longer than 255 or not printable ASCII", async () => {
        for (const key of ["", "k".repeat(256), "clé", "tab\there"]) {
          await expect(service.begin("anonymous", key, "fp-1")).rejects.toMatchObject({
            code: "IDEMPOTENCY_KEY_INVALID",
          })
        }
        await expect(service.begin("anonymous", "k".repeat(255), "fp-1")).resolves.toMatchObject({
          started: true,
        })
      })
    })

    describe("expired and stale rows", () => {
      it("replaces an expired row as if it were absent, even for another request", async () => {
        const old = await service.begin("anonymous", "expiring", "fp-1")
        await service.complete(old.record.id, 200, '{"old":true}')
        await expire(old.record.id)

        const { started, record } = await service.begin("anonymous", "expiring", "fp-2")

        expect(started).toBe(true)
        expect(record.id).not.toBe(old.record.id)
        expect(record).toMatchObject({
          request_fingerprint: "fp-2",
          state: "in_progress",
          response_status: null,
          response_body: null,
        })
        expect(record.expires_at.getTime()).toBeGreaterThan(Date.now() + 23 * HOUR)
        expect(await service.listIdempotencyKeys({ key: "expiring" })).toHaveLength(1)
      })

      it("lets exactly one of 10 concurrent calls replace an expired row", async () => {
        const old = await service.begin("anonymous", "expired-race", "fp-1")
        await expire(old.record.id)

        const results = await Promise.all(
          Array.from({ length: 10 }, () => service.begin("anonymous", "expired-race", "fp-1"))
        )

        expect(results.filter((result) => result.started)).toHaveLength(1)
        expect(new Set(results.map((result) => result.record.id)).size).toBe(1)
      })

      it("hands a stale in_progress row to a retry of the same request; the old holder loses it", async () => {
        const dead = await takenAgo("stale", "fp-1", IDEMPOTENCY_LOCK_STALE_MS + 1000)

        const retry = await service.begin("anonymous", "stale", "fp-1")

        expect(retry.started).toBe(true)
        expect(retry.record.id).not.toBe(dead.id)
        expect(await service.complete(dead.id, 200, "{}")).toBeNull()
        expect(await service.abandon(dead.id)).toBe(false)
        const [row] = await service.listIdempotencyKeys({ key: "stale" })
        expect(row).toMatchObject({ id: retry.record.id, state: "in_progress" })
      })

      it("does not hand a stale in_progress row to a different request", async () => {
        const dead = await takenAgo("stale-other", "fp-1", IDEMPOTENCY_LOCK_STALE_MS + 1000)

        const other = await service.begin("anonymous", "stale-other", "fp-2")

        expect(other.started).toBe(false)
        expect(other.record.id).toBe(dead.id)
      })

      it("does not take over an in_progress row that is younger than the stale limit", async () => {
        const running = await takenAgo("busy", "fp-1", IDEMPOTENCY_LOCK_STALE_MS - 60_000)

        expect(await service.begin("anonymous", "busy", "fp-1")).toMatchObject({
          started: false,
          record: { id: running.id },
        })
      })
    })

    describe("complete", () => {
      it("stores the status and the exact body and keeps them 24 hours from now", async () => {
        const body = '{"total":12.5,"note":"café ☕","nested":{"b":1,"a":[1,2]}}'
        const { record } = await service.begin("anonymous", "done", "fp-1")
        const before = Date.now()

        const completed = await service.complete(record.id, 201, body)

        expect(completed).toMatchObject({ id: record.id, state: "completed", response_status: 201 })
        expect(completed!.expires_at.getTime()).toBeGreaterThanOrEqual(before + IDEMPOTENCY_KEY_TTL_MS - 1000)
        const again = await service.begin("anonymous", "done", "fp-1")
        expect(again.started).toBe(false)
        expect(again.record.response_body).toBe(body)
      })

      it("completes a key only once and only while it is held", async () => {
        const { record } = await service.begin("anonymous", "once", "fp-1")
        await service.complete(record.id, 200, '"first"')

        expect(await service.complete(record.id, 500, '"second"')).toBeNull()
        expect(await service.complete("idem_unknown", 200, "{}")).toBeNull()
        expect((await service.retrieveIdempotencyKey(record.id)).response_body).toBe('"first"')
      })
    })

    describe("abandon", () => {
      it("deletes a held key so a retry can take it again", async () => {
        const first = await service.begin("anonymous", "retry", "fp-1")

        expect(await service.abandon(first.record.id)).toBe(true)
        expect(await service.listIdempotencyKeys({ key: "retry" })).toHaveLength(0)
        const retry = await service.begin("anonymous", "retry", "fp-1")
        expect(retry.started).toBe(true)
      })

      it("never deletes a completed key", async () => {
        const { record } = await service.begin("anonymous", "kept", "fp-1")
        await service.complete(record.id, 200, "{}")

        expect(await service.abandon(record.id)).toBe(false)
        expect(await service.listIdempotencyKeys({ key: "kept" })).toHaveLength(1)
      })
    })

    describe("the database", () => {
      it("refuses a second row for the same scope and key", async () => {
        const row = {
          scope: "anonymous",
          key: "unique",
          request_fingerprint: "fp-1",
          expires_at: new Date(Date.now() + HOUR),
        }
        await service.createIdempotencyKeys(row)
        await expect(service.createIdempotencyKeys({ ...row, request_fingerprint: "fp-2" })).rejects.toMatchObject({
          type: MedusaError.Types.INVALID_DATA,
          message: "Idempotency key with scope: anonymous, key: unique, already exists.",
        })
        await expect(service.createIdempotencyKeys({ ...row, scope: "customer:cus_1" })).resolves.toBeTruthy()
      })

      it("refuses a completed row without a stored response", async () => {
        await expect(
          service.createIdempotencyKeys({
            scope: "anonymous",
            key: "incomplete",
            request_fingerprint: "fp-1",
            state: "completed",
            expires_at: new Date(Date.now() + HOUR),
          })
        ).rejects.toMatchObject({ code: "23514", constraint: "idempotency_key_completed_has_response" })
      })
    })

    describe("storeCompleted and findLive (a key taken with its answer)", () => {
      const pending = (key: string, fingerprint = "fp-1", id = `idem_${key}`) => ({ id, scope: "anonymous", idempotency_key: key, fingerprint })

      it("takes a new key completed with the exact body, for 24 hours, under the id the caller chose", async () => {
        expect(await service.storeCompleted(pending("done"), 201, '{"a":"café ☕"}')).toBe(true)

        const live = await service.findLive("anonymous", "done")
        expect(live).toMatchObject({ id: "idem_done", state: "completed", response_status: 201, response_body: '{"a":"café ☕"}' })
        expect(live!.expires_at.getTime()).toBeGreaterThan(Date.now() + 23 * HOUR)
      })

      it("takes nothing when the key is live, completed or held, for this request or another", async () => {
        await service.storeCompleted(pending("live"), 200, "{}")
        await service.begin("anonymous", "held", "fp-1")

        expect(await service.storeCompleted(pending("live", "fp-1", "idem_2"), 200, '{"second":true}')).toBe(false)
        expect(await service.storeCompleted(pending("live", "fp-2", "idem_3"), 200, "{}")).toBe(false)
        expect(await service.storeCompleted(pending("held", "fp-1", "idem_4"), 200, "{}")).toBe(false)
        expect(await service.findLive("anonymous", "live")).toMatchObject({ id: "idem_live", response_body: "{}" })
        expect(await service.findLive("anonymous", "held")).toMatchObject({ state: "in_progress" })
      })

      it("replaces an expired row and a stale in_progress row of the same request, as begin does", async () => {
        await service.storeCompleted(pending("old"), 200, '{"old":true}')
        await expire("idem_old")
        await takenAgo("stale", "fp-1", IDEMPOTENCY_LOCK_STALE_MS + 1000)

        expect(await service.findLive("anonymous", "old")).toBeNull()
        expect(await service.storeCompleted(pending("old", "fp-2", "idem_new"), 200, '{"new":true}')).toBe(true)
        expect(await service.storeCompleted(pending("stale", "fp-1", "idem_retry"), 200, "{}")).toBe(true)
        expect(await service.findLive("anonymous", "old")).toMatchObject({ id: "idem_new", request_fingerprint: "fp-2", response_body: '{"new":true}' })
        expect(await service.findLive("anonymous", "stale")).toMatchObject({ id: "idem_retry", state: "completed" })
      })

      it("lets exactly one of 10 concurrent callers take the same key", async () => {
        const taken = await Promise.all(
          Array.from({ length: 10 }, (_, index) => service.storeCompleted(pending("race", "fp-1", `idem_race_${index}`), 200, `{"n":${index}}`))
        )
        expect(taken.filter(Boolean)).toHaveLength(1)
        expect(await service.listIdempotencyKeys({ key: "race" })).toHaveLength(1)
      })
    })

    describe("deleteExpired", () => {
      it("deletes the rows that expired before the given time and keeps the others", async () => {
        const expired = await service.begin("anonymous", "gone", "fp-1")
        await service.complete(expired.record.id, 200, "{}")
        await service.updateIdempotencyKeys({ id: expired.record.id, expires_at: ago(HOUR) })
        const abandonedRun = await service.begin("customer:cus_1", "gone-too", "fp-1")
        await expire(abandonedRun.record.id)
        await service.begin("anonymous", "live", "fp-1")

        expect(await service.deleteExpired(new Date())).toBe(2)

        const left = await service.listIdempotencyKeys({})
        expect(left.map((row) => row.key)).toEqual(["live"])
        expect(await service.deleteExpired(new Date())).toBe(0)
      })

      it("takes the time to compare with from its argument", async () => {
        await service.begin("anonymous", "later", "fp-1")

        expect(await service.deleteExpired(new Date(Date.now() + HOUR))).toBe(0)
        expect(await service.deleteExpired(new Date(Date.now() + IDEMPOTENCY_KEY_TTL_MS + HOUR))).toBe(1)
      })
    })
  },
})
