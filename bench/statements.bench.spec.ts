import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { COUPON_MODULE, CouponModuleService } from "../src/modules/coupon"
import { hostDirectory } from "../integration-tests/helpers/host"
import { cartSessionRequests, createProducts, createStorefront, Storefront } from "../integration-tests/helpers/store"
import { openBenchStatementLog } from "./lib/changes"
import type { StatementLog } from "./lib/statement-log"

jest.setTimeout(1_800_000)

/**
 * `npm run bench:statements`: every SQL statement each request of a 20-line, 3-merchant session runs, as
 * the database logs them (every connection: the host's publishable key check and workflow engine, BEGIN
 * and COMMIT), printed in full — where a change's statements go. The second round of each is printed (the
 * first warms the host's caches). Prints; asserts only that each request answered 200.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let log: StatementLog
    let shop: Storefront
    beforeAll(async () => {
      log = await openBenchStatementLog()
    })
    afterAll(async () => await log.close())

    it("shows the statements of each change of a 20-line session", async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd"] })
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
      await container.resolve<CouponModuleService>(COUPON_MODULE).createCoupons({ code: "SAVE10", value_type: "percentage", value: 10 })
      const { create, post } = cartSessionRequests(api, () => shop.anonymous)
      const session = await create({ items: products.map((product) => ({ variant_id: product.variantId, quantity: 1 })) })
      const line = session.bags[0].items[0]
      let round = 0
      const changes: Record<string, () => Promise<{ status: number }>> = {
        GET: () => api.get(`/store/cart-sessions/${session.id}`, shop.anonymous),
        "add a code": () => post(`${session.id}/coupons`, { code: "SAVE10" }).then(() => ({ status: 200 })),
        "remove a code": () => api.delete(`/store/cart-sessions/${session.id}/coupons/SAVE10`, shop.anonymous),
        "set a quantity": () => api.patch(`/store/cart-sessions/${session.id}/line-items/${line.id}`, { quantity: 2 + round }, shop.anonymous),
        "GET region (floor)": () => api.get(`/store/regions/${shop.regionId}`, shop.anonymous),
      }
      for (round = 0; round < 2; round++) {
        for (const [name, change] of Object.entries(changes)) {
          let status = 0
          const shown = await log.capture(async () => ({ status } = await change()))
          expect(status).toBe(200)
          if (round === 1) {
            console.log(`[statements] ${name}: ${shown.length}\n${shown.map((text) => "  " + text.replace(/\s+/g, " ").slice(0, 400)).join("\n")}`)
          }
        }
      }
    })
  },
})
