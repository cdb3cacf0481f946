import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import {
  CART_SESSIONS as SESSIONS,
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  Storefront,
} from "../helpers/store"
import { eventually } from "../helpers/wait"
import { forceCartSessionState } from "../helpers/sessions"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../src/modules/cart-session"

jest.setTimeout(120_000)

/**
 * Changes made outside a session (a coupon or a product edited in the admin)
 * reach it through the plugin's subscribers on the host's event bus: its codes
 * go back to PENDING, convert is refused until it is priced again, and the
 * scheduled re-pricing job prices it in the background.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let admin: AdminHeaders
    let tent: CreatedProduct
    let couponId: string

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminUser(container)
      shop = await createStorefront(container, { currencies: ["usd"] })
      ;[tent] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: [shop.salesChannelId] },
      ])
      const created = await api.post(
        "/admin/coupons",
        { code: "SAVE10", value_type: "percentage", value: 10 },
        admin
      )
      couponId = created.data.coupon.id
    })

    const { create: createSession, get: getSession, post } = cartSessionRequests(api, () => shop.anonymous)
    const runRepricingJob = () =>
      getContainer()
        .resolve(Modules.WORKFLOW_ENGINE)
        .run("job-checkout-discounts-reprice-pending-cart-sessions", { input: {} })
    const untilPending = (id: string) =>
      eventually(
        () => getSession(id),
        (session) => session.priced === false
      )

    it("puts a session's code back to PENDING when its coupon is edited in the admin; convert waits for pricing", async () => {
      const session = await createSession({
        items: [{ variant_id: tent.variantId, quantity: 1 }],
        discounts: [{ code: "SAVE10" }],
      })
      expect(session.discount_total).toBe(29.99)

      await api.post(`/admin/coupons/${couponId}`, { value: 20 }, admin)

      const pending = await untilPending(session.id)
      expect(pending.discounts[0]).toMatchObject({ code: "SAVE10", status: "PENDING" })
      expect(pending.version).toBe(session.version + 1)

      const gate = await refused(api.post(`${SESSIONS}/${session.id}/convert`, {}, shop.anonymous))
      expect(gate.status).toBe(409)
      expect(gate.body.code).toBe("CART_SESSION_DISCOUNT_PENDING")
      expect(gate.body.message).toContain("SAVE10")

      const priced = await post(`${session.id}/price`)
      expect(priced.priced).toBe(true)
      expect(priced.discounts[0]).toMatchObject({ status: "APPLIED", amount_total: 59.99 })
      expect(priced.total).toBe(239.98)

      const converted = await post(`${session.id}/convert`)
      expect(converted).toMatchObject({ status: "converted", converted_cart_id: expect.stringMatching(/^cart_/) })
    })

    it("re-prices the pending session in the background with the scheduled job: a deleted coupon becomes INVALID", async () => {
      const session = await createSession({
        items: [{ variant_id: tent.variantId, quantity: 1 }],
        discounts: [{ code: "save10" }],
      })
      await api.delete(`/admin/coupons/${couponId}`, admin)
      await untilPending(session.id)

      await runRepricingJob()

      const repriced = await getSession(session.id)
      expect(repriced.priced).toBe(true)
      expect(repriced.discounts[0].status).toBe("INVALID")
      expect(repriced.discount_total).toBe(0)
      expect(repriced.total).toBe(299.97)
    })

    it("follows the coupon when its code is renamed: the old code no longer applies", async () => {
      const session = await createSession({
        items: [{ variant_id: tent.variantId, quantity: 1 }],
        discounts: [{ code: "SAVE10" }],
      })
      await api.post(`/admin/coupons/${couponId}`, { code: "SAVE10NOW" }, admin)
      await untilPending(session.id)
      const repriced = await post(`${session.id}/price`)
      expect(repriced.discounts[0].status).toBe("INVALID")
    })

    it("wakes a session holding an unknown code when a coupon with that code is created", async () => {
      const session = await createSession({
        items: [{ variant_id: tent.variantId, quantity: 1 }],
        discounts: [{ code: "WELCOME5" }],
      })
      expect(session.discounts[0].status).toBe("INVALID")

      await api.post("/admin/coupons", { code: "WELCOME5", value_type: "fixed", value: 5, currency_code: "usd" }, admin)
      await untilPending(session.id)
      await runRepricingJob()

      const repriced = await getSession(session.id)
      expect(repriced.discounts[0]).toMatchObject({ status: "APPLIED", amount_total: 5 })
    })

    it("wakes the sessions holding a code of a bulk generation, heard as one coupon.generated for the batch", async () => {
      const withItem = { items: [{ variant_id: tent.variantId, quantity: 1 }] }
      // Sessions are marked in id order, which is creation order: once `held` is pending, `lookalike` was decided.
      const lookalike = await createSession({ ...withItem, discounts: [{ code: "BULKXHELD" }] })
      const held = await createSession({ ...withItem, discounts: [{ code: "bulk_held" }] })
      expect(held.discounts[0].status).toBe("INVALID")

      // What a generation writes: the batch in one insert (no event per coupon), then one event naming it.
      const batch = [...Array.from({ length: 1_200 }, (_, index) => `BULK${index}`), "BULK_HELD"]
      const created = await getContainer()
        .resolve("coupon")
        .createCoupons(batch.map((code) => ({ code, value_type: "fixed", value: 5, currency_code: "usd" })))
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "coupon.generated", data: { ids: created.map((coupon: { id: string }) => coupon.id) } })

      await untilPending(held.id)
      expect((await getSession(lookalike.id)).version).toBe(lookalike.version)
      await runRepricingJob()
      expect((await getSession(held.id)).discounts[0]).toMatchObject({ status: "APPLIED", amount_total: 5 })
    })

    it("puts sessions holding a product back to PENDING when its price changes in the admin, then takes the new price", async () => {
      const session = await createSession({
        items: [{ variant_id: tent.variantId, quantity: 2 }],
        discounts: [{ code: "SAVE10" }],
      })
      const untouched = await createSession({ discounts: [{ code: "SAVE10" }] })

      await api.post(
        `/admin/products/${tent.productId}/variants/${tent.variantId}`,
        { prices: [{ currency_code: "usd", amount: 250 }] },
        admin
      )
      await untilPending(session.id)
      const gate = await refused(api.post(`${SESSIONS}/${session.id}/convert`, {}, shop.anonymous))
      expect(gate.body.code).toBe("CART_SESSION_DISCOUNT_PENDING")

      await runRepricingJob()

      const repriced = await getSession(session.id)
      expect(repriced.priced).toBe(true)
      expect(repriced.bags[0].items[0]).toMatchObject({ unit_price: 250, subtotal: 500 })
      expect(repriced.discount_total).toBe(50)
      expect((await getSession(untouched.id)).version).toBe(untouched.version)
    })

    it("leaves sessions that are not open alone", async () => {
      const withCode = { items: [{ variant_id: tent.variantId, quantity: 1 }], discounts: [{ code: "SAVE10" }] }
      const created = await createSession(withCode)
      const open = await createSession(withCode)
      const cancelled = await forceCartSessionState(getContainer(), created.id, { status: "cancelled" })

      await api.post(`/admin/coupons/${couponId}`, { value: 15 }, admin)
      // One subscriber run handles both sessions: once the open one has moved on, it is done. It is
      // marked pending (version + 1), and the re-pricing job (every minute) may price it again at once,
      // so its version is what shows the subscriber ran, not a pending state that may be gone already.
      await eventually(
        () => getSession(open.id),
        (session) => session.version > open.version
      )

      const after = await getSession(cancelled.id)
      expect(after).toMatchObject({ status: "cancelled", version: cancelled.version, priced: true })
      expect(after.discounts[0].status).toBe("APPLIED")
    })

    it("expires overdue open sessions with the scheduled expiry job, and only those", async () => {
      const overdue = await createSession({ items: [{ variant_id: tent.variantId, quantity: 1 }] })
      const alive = await createSession({ items: [{ variant_id: tent.variantId, quantity: 1 }] })
      await forceCartSessionState(getContainer(), overdue.id, { expires_at: new Date(Date.now() - 1000) })

      await getContainer()
        .resolve(Modules.WORKFLOW_ENGINE)
        .run("job-checkout-discounts-expire-cart-sessions", { input: {} })

      const stored = await getContainer()
        .resolve<CartSessionModuleService>(CART_SESSION_MODULE)
        .listCartSessions({ id: [overdue.id, alive.id] }, { select: ["id", "status"] })
      const statusOf = Object.fromEntries(stored.map((session: any) => [session.id, session.status]))
      expect(statusOf).toEqual({ [overdue.id]: "expired", [alive.id]: "open" })
    })
  },
})
