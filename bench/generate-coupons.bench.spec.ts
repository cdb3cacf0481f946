import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../integration-tests/helpers/admin"
import { hostDirectory } from "../integration-tests/helpers/host"
import { eventually } from "../integration-tests/helpers/wait"
import { openBenchStatementLog, printTable } from "./lib/changes"
import type { StatementLog } from "./lib/statement-log"

jest.setTimeout(1_800_000)

/** Batches timed, by size: how many runs of each (BENCH_GENERATE_RUNS for 10,000, default 3; BENCH_GENERATE_MAX leaves out bigger ones). */
const BATCHES: [count: number, runs: number][] = (
  [
    [1_000, 3],
    [10_000, Number(process.env.BENCH_GENERATE_RUNS || 3)],
    [100_000, 1],
  ] as [number, number][]
).filter(([count]) => count <= Number(process.env.BENCH_GENERATE_MAX || 100_000))

/**
 * What a bulk generation costs (issue 21, "Bulk generation: 10,000 codes in ≤ 2 s and 100,000 per call,
 * one transaction"): `POST /admin/coupons/generate` timed from request to answer, the statements every
 * connection ran for it counted in the database's log, and how long after the answer the batch's one
 * `coupon.generated` event was handled (the subscriber that looks for sessions holding the new codes).
 * Prints figures; asserts only that every batch was created whole.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let log: StatementLog

    beforeAll(async () => {
      log = await openBenchStatementLog()
    })
    afterAll(async () => await log.close())

    it("prints the time and statements of generating 1,000, 10,000 and 100,000 codes", async () => {
      const admin = await createAdminUser(getContainer())
      const handled: number[] = []
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe("coupon.generated", async () => void handled.push(performance.now()), { subscriberId: "bench-generate" })

      const rows: string[][] = []
      let batch = 0
      let expected = 0
      for (const [count, runs] of BATCHES) {
        for (let run = 0; run < runs; run++) {
          let answered = 0
          let status = 0
          let created = 0
          const started = performance.now()
          const statements = await log.capture(async () => {
            const response = await api
              .post("/admin/coupons/generate", { prefix: `B${++batch}-`, count, length: 10, value_type: "percentage", value: 5 }, admin)
              .catch((error: any) => {
                // An axios error does not cross jest's worker boundary (it is circular): keep what it says.
                console.error(`[bench] ${count} codes: ${error?.response?.status ?? ""} ${JSON.stringify(error?.response?.data) ?? error?.message}`)
                return { status: error?.response?.status ?? 0, data: { count: 0 } }
              })
            answered = performance.now()
            status = response.status
            created = response.data.count
          })
          if (status === 200) {
            expected += count
            await eventually(
              async () => handled.length,
              (heard) => heard >= batch,
              { timeoutMs: 600_000 }
            )
          } else {
            handled.push(NaN)
          }
          const row = [
            count.toLocaleString("en"),
            String(run + 1),
            String(status),
            (answered - started).toFixed(0),
            String(statements.length),
            String(statements.filter((statement) => /insert into "coupon"/i.test(statement)).length),
            (handled[batch - 1] - started).toFixed(0),
          ]
          rows.push(row)
          console.log(`[bench] ${row.join(" | ")}`)
        }
      }
      // Counted in the table: the admin list's `count` is the planner's estimate past 10,000 (lib/list-count.ts).
      const [{ count }] = await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)("coupon").whereNull("deleted_at").count({ count: "*" })
      const total = Number(count)
      printTable(
        `[bench] POST /admin/coupons/generate, ${total.toLocaleString("en")} coupons in the store at the end`,
        ["codes", "run", "status", "ms to answer", "statements", "inserts into coupon", "ms from request to coupon.generated handled"],
        rows
      )
      expect(rows.map((row) => row[2])).toEqual(rows.map(() => "200"))
      expect(total).toBe(expected)
    })
  },
})
