import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import {
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  registerCustomer,
  Storefront,
} from "../helpers/store"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let admin: AdminHeaders
    let tent: CreatedProduct
    let kettle: CreatedProduct

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminUser(container)
      shop = await createStorefront(container, { currencies: ["usd"] })
      ;[tent, kettle] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: [shop.salesChannelId] },
        { title: "Pour-over kettle", merchant: "globex", prices: { usd: 45.5 }, salesChannelIds: [shop.salesChannelId] },
      ])
      await container
        .resolve<CouponModuleService>(COUPON_MODULE)
        .createCoupons([{ code: "SAVE10", value_type: "percentage", value: 10 }])
    })

    const store = cartSessionRequests(api, () => shop.anonymous)
    const list = async (query: Record<string, unknown> = {}) =>
      (await api.get("/admin/cart-sessions", { ...admin, params: query })).data
    const ids = async (query: Record<string, unknown> = {}) =>
      (await list(query)).cart_sessions.map((session: any) => session.id)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    /**
     * Five sessions, oldest first: a couponed one (a@), a customer's (b@), an empty one, one
     * cancelled, one open past its expiry.
     */
    async function fiveSessions() {
      const couponed = await store.create({
        email: "a@example.com",
        items: [{ variant_id: tent.variantId, quantity: 1 }, { variant_id: kettle.variantId, quantity: 1 }],
        discounts: [{ code: "SAVE10" }],
      })
      const customer = await registerCustomer(api, shop.publishableKey, "b@example.com")
      const owned = await store.create({ items: [{ variant_id: kettle.variantId, quantity: 2 }] }, customer.headers)
      const empty = await store.create({})
      const cancelled = await store.create({ items: [{ variant_id: tent.variantId, quantity: 1 }] })
      const overdue = await store.create({ email: "A@Example.com" })
      const sessions = [couponed, owned, empty, cancelled, overdue]
      // Distinct creation days, oldest first.
      for (const [index, session] of sessions.entries()) {
        await knex()("cart_session")
          .where({ id: session.id })
          .update({ created_at: new Date(Date.UTC(2026, 0, 10 + index)) })
      }
      await knex()("cart_session").where({ id: cancelled.id }).update({ status: "cancelled" })
      await knex()("cart_session").where({ id: overdue.id }).update({ expires_at: new Date(Date.now() - 60_000) })
      return { couponed, owned, empty, cancelled, overdue, customerId: customer.customerId, all: sessions }
    }

    describe("GET /admin/cart-sessions", () => {
      it("lists sessions newest first with their totals, codes and counts", async () => {
        const { couponed, all } = await fiveSessions()
        await api.post(`/admin/cart-sessions/${couponed.id}/manual-discounts`, { cart: [{ amount: 1, name: "Goodwill" }] }, admin)
        const page = await list()
        expect(page).toMatchObject({ count: 5, offset: 0, limit: 50 })
        expect(page.cart_sessions.map((session: any) => session.id)).toEqual(all.map((session) => session.id).reverse())
        expect(page.cart_sessions[4]).toEqual({
          id: couponed.id,
          status: "open",
          currency_code: "usd",
          customer_id: null,
          email: "a@example.com",
          version: 2,
          priced: true,
          created_at: "2026-01-10T00:00:00.000Z",
          updated_at: expect.any(String),
          expires_at: expect.any(String),
          merchant_count: 2,
          line_count: 2,
          codes: [{ code: "SAVE10", status: "APPLIED" }],
          manual_discount_count: 1,
          // 345.47 - 1.00 manual = 344.47; 10% of it, floored: 34.44.
          subtotal: 345.47,
          discount_total: 35.44,
          total: 310.03,
        })
        expect(page.cart_sessions[0]).toMatchObject({ status: "expired", codes: [], manual_discount_count: 0 })
      })

      it("filters by status, counting an open session past its expiry as expired", async () => {
        const { couponed, owned, empty, cancelled, overdue } = await fiveSessions()
        expect(await ids({ status: "open", order: "created_at" })).toEqual([couponed.id, owned.id, empty.id])
        expect(await ids({ status: "expired" })).toEqual([overdue.id])
        expect(await ids({ status: "cancelled" })).toEqual([cancelled.id])
        expect(await ids({ status: "cancelled,expired", order: "created_at" })).toEqual([cancelled.id, overdue.id])
        expect(await ids({ status: "converted" })).toEqual([])
      })

      it("filters by customer, by email ignoring case, and by part of the email or id", async () => {
        const { couponed, owned, overdue, customerId } = await fiveSessions()
        expect(await ids({ customer_id: customerId })).toEqual([owned.id])
        expect(await ids({ email: "A@EXAMPLE.COM", order: "created_at" })).toEqual([couponed.id, overdue.id])
        expect(await ids({ email: "b@example.com" })).toEqual([owned.id])
        expect(await ids({ q: "example", order: "created_at" })).toEqual([couponed.id, owned.id, overdue.id])
        expect(await ids({ q: owned.id.slice(-8) })).toEqual([owned.id])
      })

      it("filters by a created_at range", async () => {
        const { owned, empty, cancelled } = await fiveSessions()
        const range = { "created_at[$gte]": "2026-01-11T00:00:00Z", "created_at[$lt]": "2026-01-14T00:00:00Z", order: "created_at" }
        expect(await ids(range)).toEqual([owned.id, empty.id, cancelled.id])
        expect(await ids({ "created_at[$gt]": "2026-01-13T00:00:00Z", "created_at[$lte]": "2026-01-14T00:00:00Z" })).toHaveLength(1)
      })

      it("filters by whether a session holds codes or manual discounts", async () => {
        const { couponed, owned, empty, cancelled, overdue } = await fiveSessions()
        await api.post(`/admin/cart-sessions/${owned.id}/manual-discounts`, { cart: [{ amount: 1, name: "Goodwill" }] }, admin)
        expect(await ids({ has_codes: true })).toEqual([couponed.id])
        expect(await ids({ has_codes: false, order: "created_at" })).toEqual([owned.id, empty.id, cancelled.id, overdue.id])
        expect(await ids({ has_manual_discounts: true })).toEqual([owned.id])
        expect(await ids({ has_codes: false, has_manual_discounts: false, status: "open" })).toEqual([empty.id])
      })

      it("pages with limit and offset and orders by an allowed field", async () => {
        const { all } = await fiveSessions()
        const oldestFirst = all.map((session) => session.id)
        const first = await list({ order: "created_at", limit: 2 })
        expect(first).toMatchObject({ count: 5, offset: 0, limit: 2 })
        expect(first.cart_sessions.map((session: any) => session.id)).toEqual(oldestFirst.slice(0, 2))
        expect(await ids({ order: "created_at", limit: 2, offset: 4 })).toEqual(oldestFirst.slice(4))
        expect(await ids({ order: "-created_at", offset: 5 })).toEqual([])
      })

      it.each([
        ["an unknown status", { status: "lost" }, "status"],
        ["an order field that is not allowed", { order: "metadata" }, "metadata"],
        ["a date that is not a date", { "created_at[$gte]": "soon" }, "created_at[$gte]"],
        ["a limit of 0", { limit: 0 }, "limit"],
        ["an unknown filter", { region_id: "reg_1" }, "region_id"],
      ])("refuses %s with a 400 naming it", async (_, query, named) => {
        const { status, body } = await refused(api.get("/admin/cart-sessions", { ...admin, params: query }))
        expect(status).toBe(400)
        expect(body.type).toBe("invalid_data")
        expect(body.message).toContain(named)
      })
    })

    describe("GET /admin/cart-sessions/:id", () => {
      it("answers the store API's view of the session plus its manual discounts and each bag's merchant name", async () => {
        const session = await store.create({
          items: [{ variant_id: tent.variantId, quantity: 1 }],
          discounts: [{ code: "SAVE10" }],
        })
        const { cart_session: adminView } = (await api.get(`/admin/cart-sessions/${session.id}`, admin)).data
        const { manual_discounts, bags, ...storeView } = adminView
        expect({ ...storeView, bags: bags.map(({ merchant_name, ...bag }: any) => bag) }).toEqual(await store.get(session.id))
        expect(manual_discounts).toEqual([])
        // A merchant named by a metadata key has no name of its own: the admin shows its id.
        expect(bags.map((bag: any) => [bag.merchant_id, bag.merchant_name])).toEqual([["acme", null]])
      })

      it("shows a customer's session, which the store API hides from everyone else", async () => {
        const customer = await registerCustomer(api, shop.publishableKey, "c@example.com")
        const owned = await store.create({ items: [{ variant_id: kettle.variantId, quantity: 1 }] }, customer.headers)
        expect((await refused(api.get(`/store/cart-sessions/${owned.id}`, shop.anonymous))).status).toBe(404)
        const { cart_session } = (await api.get(`/admin/cart-sessions/${owned.id}`, admin)).data
        expect(cart_session).toMatchObject({ id: owned.id, customer_id: customer.customerId, total: 45.5 })
      })

      it("answers 404 CART_SESSION_NOT_FOUND for a session that does not exist", async () => {
        const { status, body } = await refused(api.get("/admin/cart-sessions/csess_nope", admin))
        expect(status).toBe(404)
        expect(body).toEqual({ type: "not_found", code: "CART_SESSION_NOT_FOUND", message: "Cart session csess_nope was not found" })
      })
    })
  },
})
