import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService } from "../src/modules/coupon"
import { markCouponSessionsPendingWorkflow } from "../src/workflows/cart-session"
import { AdminHeaders, createAdminUser } from "../integration-tests/helpers/admin"
import { hostDirectory } from "../integration-tests/helpers/host"
import { cartSessionRequests, createProducts, createStorefront, Storefront } from "../integration-tests/helpers/store"
import { measureChanges, openBenchStatementLog, printTable, quantile } from "./lib/changes"
import { seedScale, ScaleSize } from "./lib/scale-seed"
import type { StatementLog } from "./lib/statement-log"

jest.setTimeout(3_600_000)

/** The store's size once seeded (BENCH_SCALE_COUPONS, BENCH_SCALE_SESSIONS to try others). */
const SIZE: ScaleSize = {
  coupons: Number(process.env.BENCH_SCALE_COUPONS || 1_000_000),
  sessions: Number(process.env.BENCH_SCALE_SESSIONS || 100_000),
}
/** Seconds of the 8-client throughput run (BENCH_SCALE_SECONDS). */
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SCALE_SECONDS || 15)
const CLIENTS = 8
/** A failed request as a plain error (an axios error is circular: it cannot cross jest's worker boundary). */
const plainly = <T>(request: Promise<T>): Promise<T> =>
  request.catch((error: any) => {
    throw new Error(`${error?.config?.method} ${error?.config?.url}: ${error?.response?.status ?? error?.code} ${JSON.stringify(error?.response?.data ?? error?.message)}`)
  })

/** Timed runs of each admin read. */
const READ_RUNS = 30

type Figures = Record<string, string>

/**
 * Issue 21, Scale: what a store of 1,000,000 coupons and 100,000 open cart sessions (seeded by SQL,
 * bench/lib/scale-seed.ts) does to a code change and to the admin's reads. Measures everything once on
 * the store as the test makes it (a few rows), seeds, and measures again: a code change's p50 with one
 * client and its requests/second with 8 (each on a session of its own, adding and removing a code), the
 * statements a change runs (counted in the database's log), and the p50 of the admin's coupon list
 * (first page, default order), a code search (`q`), and the cart-session list. Prints figures; asserts
 * only that every request answered.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let log: StatementLog
    let shop: Storefront
    let admin: AdminHeaders
    let variants: string[]
    let generations = 0

    beforeAll(async () => {
      log = await openBenchStatementLog()
    })
    afterAll(async () => await log.close())

    /** A 20-line, 3-merchant session of its own. */
    async function newSession() {
      const { create } = cartSessionRequests(api, () => shop.anonymous)
      return await plainly(create({ items: variants.map((variant_id) => ({ variant_id, quantity: 1 })) }))
    }

    async function timeReads(reads: Record<string, string>): Promise<Figures> {
      const figures: Figures = {}
      for (const [name, path] of Object.entries(reads)) {
        const times: number[] = []
        for (let run = 0; run < READ_RUNS + 3; run++) {
          const started = performance.now()
          const { status } = await plainly(api.get(path, admin))
          expect(status).toBe(200)
          if (run >= 3) {
            times.push(performance.now() - started)
          }
        }
        figures[name] = quantile(times, 0.5).toFixed(1)
      }
      return figures
    }

    async function measure(search: { code: string; part: string; email: string }): Promise<Figures> {
      const session = await newSession()
      const { post } = cartSessionRequests(api, () => shop.anonymous)
      const changes = await measureChanges(log, {
        "add a code": () => plainly(post(`${session.id}/coupons`, { code: "SAVE10" })),
        "remove a code": () => plainly(api.delete(`/store/cart-sessions/${session.id}/coupons/SAVE10`, shop.anonymous)),
      })

      // 8 clients, each adding and removing the code on a session of its own, for THROUGHPUT_SECONDS.
      const sessions = []
      for (let client = 0; client < CLIENTS; client++) {
        sessions.push(await newSession())
      }
      let done = 0
      const failures: string[] = []
      const until = performance.now() + THROUGHPUT_SECONDS * 1000
      await Promise.all(
        sessions.map(async ({ id }) => {
          for (let run = 0; performance.now() < until; run++) {
            const headers = { ...shop.anonymous, timeout: 60_000 }
            const request =
              run % 2 === 0
                ? api.post(`/store/cart-sessions/${id}/coupons`, { code: "SAVE10" }, headers)
                : api.delete(`/store/cart-sessions/${id}/coupons/SAVE10`, headers)
            await plainly(request).then(
              () => done++,
              (error: Error) => failures.push(error.message)
            )
          }
        })
      )
      if (failures.length) {
        console.log(`[bench] ${failures.length} of ${done + failures.length} code changes failed at ${CLIENTS} clients, e.g. ${failures.slice(0, 3).join("; ")}`)
      }

      const reads = await timeReads({
        "GET /admin/coupons (first page)": "/admin/coupons",
        [`GET /admin/coupons?q=${search.code} (a whole code)`]: `/admin/coupons?q=${search.code}`,
        [`GET /admin/coupons?q=${search.part} (part of codes)`]: `/admin/coupons?q=${search.part}`,
        "GET /admin/cart-sessions (first page)": "/admin/cart-sessions",
        [`GET /admin/cart-sessions?q=${search.email}`]: `/admin/cart-sessions?q=${encodeURIComponent(search.email)}`,
      })
      // A bulk generation, and the work its one coupon.generated asks of the subscriber (finding the open
      // sessions that hold one of the new codes), run here to time it.
      let started = performance.now()
      const { data: generated } = await plainly(api.post(
        "/admin/coupons/generate",
        { prefix: `SCALE${++generations}-`, count: 10_000, length: 8, value_type: "percentage", value: 5 },
        admin
      ))
      const generateMs = performance.now() - started
      started = performance.now()
      await markCouponSessionsPendingWorkflow(getContainer()).run({
        input: { coupon_ids: generated.coupons.map((coupon: { id: string }) => coupon.id) },
      })
      const handlerMs = performance.now() - started

      return {
        "POST /admin/coupons/generate 10,000 codes, ms": generateMs.toFixed(0),
        "coupon.generated handler for them, ms": handlerMs.toFixed(0),
        "code change p50 ms (add a code, 1 client)": changes["add a code"].p50.toFixed(1),
        "code change p50 ms (remove a code, 1 client)": changes["remove a code"].p50.toFixed(1),
        "code change statements (add a code)": String(changes["add a code"].statements),
        [`code changes req/s (${CLIENTS} clients, ${THROUGHPUT_SECONDS} s)`]: (done / THROUGHPUT_SECONDS).toFixed(1),
        [`code changes failed (${CLIENTS} clients)`]: String(failures.length),
        ...reads,
      }
    }

    it(`prints a code change and the admin's reads at ${SIZE.coupons.toLocaleString("en")} coupons and ${SIZE.sessions.toLocaleString("en")} open sessions`, async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd"] })
      admin = await createAdminUser(container)
      const merchants = ["acme", "globex", "initech"]
      const products = await createProducts(
        container,
        Array.from({ length: 20 }, (_, index) => ({
          title: `Scale product ${index + 1}`,
          merchant: merchants[index % merchants.length],
          prices: { usd: 10 + index },
          salesChannelIds: [shop.salesChannelId],
        }))
      )
      variants = products.map((product) => product.variantId)
      const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
      await coupons.createCoupons({ code: "SAVE10", value_type: "percentage", value: 10 })

      // The shapes the seed copies: a coupon and a 5-line session holding a code, as the module writes them.
      const template = await coupons.createCoupons({ code: "TEMPLATE", name: "Seeded", value_type: "fixed", value: 5, currency_code: "usd", usage_limit: 1 })
      const { create, post } = cartSessionRequests(api, () => shop.anonymous)
      const templateSession = await create({
        email: "shopper@example.com",
        items: variants.slice(0, 5).map((variant_id) => ({ variant_id, quantity: 2 })),
      })
      await plainly(post(`${templateSession.id}/coupons`, { code: "TEMPLATE" }))

      const empty = await measure({ code: "SAVE10", part: "AVE1", email: "shopper" })
      console.log(`[bench] empty store: ${JSON.stringify(empty, null, 1)}`)

      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const seeded = await seedScale(knex, { couponId: template.id, sessionId: templateSession.id }, SIZE)
      console.log(`[bench] seeded ${seeded.coupons.toLocaleString("en")} coupons and ${seeded.sessions.toLocaleString("en")} sessions (${seeded.lines.toLocaleString("en")} lines, ${seeded.discounts.toLocaleString("en")} codes) in ${(seeded.ms / 1000).toFixed(1)} s`)

      const full = await measure({ code: seeded.sampleCode, part: seeded.sampleCode.slice(1, 5), email: seeded.sampleEmail })

      printTable(
        `[bench] scale: a store as the test makes it vs ${SIZE.coupons.toLocaleString("en")} coupons and ${SIZE.sessions.toLocaleString("en")} open sessions (p50 of ${READ_RUNS} reads; code changes ${process.env.BENCH_RUNS || 60} runs)`,
        ["measure", "empty store", "seeded store", "seeded / empty"],
        Object.keys(empty).map((name, index) => {
          const fullName = Object.keys(full)[index]
          const label = name === fullName ? name : name.replace(/\?q=[^ ]*/, "?q=…")
          return [label, empty[name], full[fullName], (Number(full[fullName]) / Number(empty[name])).toFixed(2)]
        })
      )
    })
  },
})
