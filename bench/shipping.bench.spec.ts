import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { COUPON_MODULE, CouponModuleService } from "../src/modules/coupon"
import { hostDirectory } from "../integration-tests/helpers/host"
import { cartSessionRequests } from "../integration-tests/helpers/store"
import { createShippingStore, ShippingStore } from "../integration-tests/helpers/shipping-store"
import { measureChanges, openBenchStatementLog, printFigures } from "./lib/changes"
import type { StatementLog } from "./lib/statement-log"

jest.setTimeout(1_800_000)

/**
 * What shipping and tax cost a change (issue "price each bag whole", Cost): the p50 and p95 of the
 * changes of a 3-merchant session and the statements each runs, counted in the database's own log
 * (every connection), once without an address (no shipping, no tax: nothing is read for them) and
 * once with an address and a shipping method on each of the three bags (every change re-checks and
 * re-prices the methods and reads the tax rates). Prints figures; asserts only that every change answered.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let store: ShippingStore
    let log: StatementLog

    beforeAll(async () => {
      log = await openBenchStatementLog()
    })
    afterAll(async () => await log.close())

    async function measure(withShipping: boolean) {
      const { create, post } = cartSessionRequests(api, () => store.anonymous)
      const { acme, bolt, cobalt } = store.merchants
      const session = await create({
        items: [acme, bolt, cobalt].map((merchant) => ({ variant_id: merchant.products[0].variantId, quantity: 1 })),
      })
      if (withShipping) {
        await post(session.id, { shipping_address: { country_code: "us", city: "Springfield" } })
        await post(`${session.id}/shipping-methods`, { merchant_id: "acme", option_id: acme.options.flat.id })
        await post(`${session.id}/shipping-methods`, { merchant_id: "bolt", option_id: bolt.options.freeOver.id })
        await post(`${session.id}/shipping-methods`, { merchant_id: "cobalt", option_id: cobalt.options.calculated!.id })
      }
      const line = session.bags[0].items[0]
      const changes: Record<string, (run: number) => Promise<unknown>> = {
        "set a line's quantity": (run) =>
          api.patch(`/store/cart-sessions/${session.id}/line-items/${line.id}`, { quantity: 1 + (run % 2) }, store.anonymous),
        "add a code": () => post(`${session.id}/coupons`, { code: "SAVE10" }),
        "remove a code": () => api.delete(`/store/cart-sessions/${session.id}/coupons/SAVE10`, store.anonymous),
      }
      if (withShipping) {
        changes["set a bag's shipping method"] = (run) =>
          post(`${session.id}/shipping-methods`, { merchant_id: "acme", option_id: run % 2 ? acme.options.freeOver.id : acme.options.flat.id })
        changes["list shipping options (GET)"] = () => api.get(`/store/cart-sessions/${session.id}/shipping-options`, store.anonymous)
      }
      if (process.env.BENCH_SHOW_STATEMENTS) {
        const shown = await log.capture(() => changes["set a line's quantity"](1))
        console.log(`[bench] set a line's quantity, ${withShipping ? "3 methods" : "no address"}:\n${shown.map((text) => text.slice(0, 300)).join("\n")}`)
      }
      return await measureChanges(log, changes)
    }

    it("prints what an address and three shipping methods add to a change", async () => {
      store = await createShippingStore(getContainer())
      await getContainer().resolve<CouponModuleService>(COUPON_MODULE).createCoupons({ code: "SAVE10", value_type: "percentage", value: 10 })
      const without = await measure(false)
      const withShipping = await measure(true)
      const cell = (value: number | undefined, digits = 1) => (value === undefined ? "-" : value.toFixed(digits))
      const rows = Object.keys(withShipping).map((name) => [
        name,
        cell(without[name]?.p50),
        cell(withShipping[name].p50),
        cell(without[name]?.p95),
        cell(withShipping[name].p95),
        cell(without[name]?.statements, 0),
        cell(withShipping[name].statements, 0),
      ])
      const header = ["change (3 merchants)", "p50 ms, no address", "p50 ms, 3 methods", "p95 ms, no address", "p95 ms, 3 methods", "statements, no address", "statements, 3 methods"]
      printFigures(header, rows)
      expect(rows).toHaveLength(5)
    })
  },
})
