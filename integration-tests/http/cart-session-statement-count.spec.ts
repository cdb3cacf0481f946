import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { hostDirectory } from "../helpers/host"
import { countStatements } from "../helpers/statements"
import {
  cartSessionRequests,
  createProducts,
  createStorefront,
  registerCustomer,
  StoreHeaders,
  Storefront,
} from "../helpers/store"

jest.setTimeout(180_000)

/**
 * The most SQL statements adding one code to a 20-line, 3-merchant session may take, every connection
 * counted, the host's own (its publishable key check, its workflow engine) and the transaction's BEGIN and
 * COMMIT included. Issue 21's target is 12; it takes 10 (docs/benchmarks.md has the figures counted in the
 * database's log). The budget keeps one statement of slack for the host's own background work (an event's
 * subscriber) landing in the window; two more are a regression this test reports.
 */
const STATEMENT_BUDGET = 11
/** A logged-in customer's session reads one statement more: their customer groups (their price lists apply). */
const CUSTOMER_STATEMENT_BUDGET = STATEMENT_BUDGET + 1
/** The most a GET of the session may take (the target; it takes 4). */
const GET_STATEMENT_BUDGET = 5

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      shop = await createStorefront(getContainer(), { currencies: ["usd"] })
    })

    /** A 20-line, 3-merchant session of `shopper` and a coupon SAVE10 to add to it. */
    async function twentyLineSession(shopper: StoreHeaders) {
      const container = getContainer()
      const merchants = ["acme", "globex", "initech"]
      const products = await createProducts(
        container,
        Array.from({ length: 20 }, (_, index) => ({
          title: `Product ${index + 1}`,
          merchant: merchants[index % merchants.length],
          prices: { usd: 10 + index },
          salesChannelIds: [shop.salesChannelId],
        }))
      )
      await container
        .resolve<CouponModuleService>(COUPON_MODULE)
        .createCoupons({ code: "SAVE10", value_type: "percentage", value: 10 })
      const { create, post } = cartSessionRequests(api, () => shopper)
      const session = await create({ items: products.map((product) => ({ variant_id: product.variantId, quantity: 1 })) })
      expect(session.bags).toHaveLength(3)
      return { session, post }
    }

    /** The statements adding SAVE10 to the session takes (logged, with `whose` session it is). */
    async function statementsOfAddingTheCode(
      session: { id: string },
      post: (path: string, body: object) => Promise<any>,
      whose: string
    ) {
      let updated: any
      const statements = await countStatements(async () => {
        updated = await post(`${session.id}/coupons`, { code: "SAVE10" })
      })
      expect(updated.discounts[0]).toMatchObject({ code: "SAVE10", status: "APPLIED" })
      console.log(
        `[statements] POST /store/cart-sessions/:id/coupons (${whose}) ran ${statements.length} SQL statements\n` +
          statements.map((sql) => `  ${sql.slice(0, 140)}`).join("\n")
      )
      return statements
    }

    it("adds a code to a 20-line, 3-merchant session in a handful of SQL statements", async () => {
      const { session, post } = await twentyLineSession(shop.anonymous)
      const statements = await statementsOfAddingTheCode(session, post, "an anonymous session")
      const reads = await countStatements(() => api.get(`/store/cart-sessions/${session.id}`, shop.anonymous))
      console.log(`[statements] GET /store/cart-sessions/:id ran ${reads.length} SQL statements`)
      expect(statements.length).toBeGreaterThan(0)
      expect(statements.length).toBeLessThanOrEqual(STATEMENT_BUDGET)
      expect(statements.filter((sql) => /^(BEGIN|COMMIT)/i.test(sql))).toHaveLength(2) // counted: every connection shows
      // A change that touches no line reads no catalogue: the lines keep the prices they were read with.
      expect(statements.filter((sql) => /"price_set"|"product_variant"/.test(sql))).toEqual([])
      expect(reads.length).toBeLessThanOrEqual(GET_STATEMENT_BUDGET)

      // Figures, not targets: how long the store's calls take in this (test) process.
      const timed = async (label: string, call: () => Promise<unknown>, times = 30) => {
        const started = process.hrtime.bigint()
        for (let round = 0; round < times; round++) await call()
        const ms = Number(process.hrtime.bigint() - started) / 1e6 / times
        console.log(`[timing] ${label}: ${ms.toFixed(1)} ms on average over ${times}`)
      }
      await timed("GET a 20-line session", () => api.get(`/store/cart-sessions/${session.id}`, shop.anonymous))
      await timed("POST …/price of a 20-line session", () => post(`${session.id}/price`, {}))
    })

    it("adds a code to a customer's session of the same size for one statement more: their customer groups", async () => {
      const { headers } = await registerCustomer(api, shop.publishableKey, "counted@checkout-discounts.test")
      const { session, post } = await twentyLineSession(headers)
      const statements = await statementsOfAddingTheCode(session, post, "a logged-in customer's session")
      expect(statements.filter((sql) => sql.includes('from "customer_group"'))).toHaveLength(1)
      expect(statements.length).toBeLessThanOrEqual(CUSTOMER_STATEMENT_BUDGET)
    })
  },
})
