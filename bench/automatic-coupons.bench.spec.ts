import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { COUPON_MODULE, CouponModuleService, CreateCouponInput } from "../src/modules/coupon"
import { hostDirectory } from "../integration-tests/helpers/host"
import { cartSessionRequests, createProducts, createStorefront, Storefront } from "../integration-tests/helpers/store"
import { measureChanges, openBenchStatementLog, printFigures } from "./lib/changes"
import type { StatementLog } from "./lib/statement-log"

jest.setTimeout(1_800_000)

const AUTOMATIC = 1000

/**
 * What 1,000 active automatic coupons cost a change (issue: "add at most 2 statements and 10% to a
 * change's p50"): the p50 and p95 of changes of a 20-line, 3-merchant session and the statements each
 * runs, counted in the database's own log (every connection), without any automatic coupon and then
 * with 1,000 of them, none of which applies to the session (as most of a store's do not to one cart):
 * 400 on collections it does not hold, 300 for a customer group, 200 for merchants it does not buy from,
 * 100 above an item total. Prints figures; asserts only that every change answered.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let log: StatementLog

    beforeAll(async () => {
      log = await openBenchStatementLog()
    })
    afterAll(async () => await log.close())

    /** Changes of one session, timed and counted: a line's quantity (reads the catalogue), then a code added and removed. */
    async function measure(label: string) {
      const merchants = ["acme", "globex", "initech"]
      const products = await createProducts(
        getContainer(),
        Array.from({ length: 20 }, (_, index) => ({
          title: `${label} product ${index + 1}`,
          merchant: merchants[index % merchants.length],
          prices: { usd: 10 + index },
          salesChannelIds: [shop.salesChannelId],
        }))
      )
      const { create, post } = cartSessionRequests(api, () => shop.anonymous)
      const session = await create({ items: products.map((product) => ({ variant_id: product.variantId, quantity: 1 })) })
      const line = session.bags[0].items[0]
      const changes = {
        "set a line's quantity": (run: number) =>
          api.patch(`/store/cart-sessions/${session.id}/line-items/${line.id}`, { quantity: 1 + (run % 2) }, shop.anonymous),
        "add a code": () => post(`${session.id}/coupons`, { code: "SAVE10" }),
        "remove a code": () => api.delete(`/store/cart-sessions/${session.id}/coupons/SAVE10`, shop.anonymous),
      }
      return await measureChanges(log, changes)
    }

    it(`prints what ${AUTOMATIC} active automatic coupons add to a change`, async () => {
      const coupons = getContainer().resolve<CouponModuleService>(COUPON_MODULE)
      shop = await createStorefront(getContainer(), { currencies: ["usd"] })
      await coupons.createCoupons({ code: "SAVE10", value_type: "percentage", value: 10 })

      const without = await measure("without")

      const automatic: CreateCouponInput[] = Array.from({ length: AUTOMATIC }, (_, index) => {
        const base = { code: `AUTO${index}`, value_type: "percentage" as const, value: 5, is_automatic: true }
        if (index < 400) {
          return { ...base, target_rules: [{ attribute: "items.product.collection_id", operator: "in" as const, values: [`pcol_${index}`] }] }
        }
        if (index < 700) {
          return { ...base, rules: [{ attribute: "customer.groups.id", operator: "in" as const, values: [`cusgroup_${index}`] }] }
        }
        if (index < 900) {
          return { ...base, merchant_id: `merchant_${index}` }
        }
        return { ...base, currency_code: "usd", rules: [{ attribute: "item_total", operator: "gte" as const, values: [100_000] }] }
      })
      for (let start = 0; start < automatic.length; start += 250) {
        await coupons.createCoupons(automatic.slice(start, start + 250))
      }

      const withCoupons = await measure("with")

      const rows = Object.keys(without).map((name) => {
        const [before, after] = [without[name], withCoupons[name]]
        return [
          name,
          before.p50.toFixed(1),
          after.p50.toFixed(1),
          `${(((after.p50 - before.p50) / before.p50) * 100).toFixed(1)}%`,
          before.p95.toFixed(1),
          after.p95.toFixed(1),
          String(before.statements),
          String(after.statements),
          String(after.statements - before.statements),
        ]
      })
      const header = ["change (20 lines, 3 merchants)", "p50 ms", `p50 ms, ${AUTOMATIC} auto`, "p50 +", "p95 ms", `p95 ms, ${AUTOMATIC} auto`, "statements", `statements, ${AUTOMATIC} auto`, "statements +"]
      printFigures(header, rows)
      expect(rows).toHaveLength(3)
    })
  },
})
