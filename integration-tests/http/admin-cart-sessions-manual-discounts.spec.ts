import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { HeardEvent, listenToEvents } from "../helpers/events"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { cartSessionRequests, CreatedProduct, createProducts, createStorefront, Storefront } from "../helpers/store"
import { eventually } from "../helpers/wait"

jest.setTimeout(120_000)

const SET = "cart_session.manual_discounts_set"
const CLEARED = "cart_session.manual_discounts_cleared"
const ADMIN_EMAIL = "staff@checkout-discounts.test"

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let admin: AdminHeaders
    let adminId: string
    let heard: HeardEvent[]
    let tent: CreatedProduct
    let mug: CreatedProduct
    let kettle: CreatedProduct
    let thirds: CreatedProduct[]

    beforeAll(() => {
      heard = listenToEvents(getContainer(), [SET, CLEARED])
    })

    beforeEach(async () => {
      heard.length = 0
      const container = getContainer()
      admin = await createAdminUser(container, ADMIN_EMAIL)
      adminId = (await api.get("/admin/users/me", admin)).data.user.id
      shop = await createStorefront(container, { currencies: ["usd", "jpy", "kwd"] })
      const sold = [shop.salesChannelId]
      ;[tent, mug, kettle, ...thirds] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: sold },
        { title: "Camp mug", merchant: "acme", prices: { usd: 24.99 }, salesChannelIds: sold },
        { title: "Pour-over kettle", merchant: "globex", prices: { usd: 45.5 }, salesChannelIds: sold },
        // Three lines of 3.33, 3.33 and 3.34 USD over two bags; in JPY and KWD three equal lines.
        { title: "Sticker A", merchant: "acme", prices: { usd: 3.33, jpy: 1000, kwd: 1 }, salesChannelIds: sold },
        { title: "Sticker B", merchant: "globex", prices: { usd: 3.33, jpy: 1000, kwd: 1 }, salesChannelIds: sold },
        { title: "Sticker C", merchant: "acme", prices: { usd: 3.34, jpy: 1000, kwd: 1 }, salesChannelIds: sold },
      ])
      await container
        .resolve<CouponModuleService>(COUPON_MODULE)
        .createCoupons([{ code: "SAVE10", value_type: "percentage", value: 10 }])
    })

    const store = cartSessionRequests(api, () => shop.anonymous)
    const manualPath = (id: string) => `/admin/cart-sessions/${id}/manual-discounts`
    const setManual = async (id: string, body: Record<string, unknown>) =>
      (await api.post(manualPath(id), body, admin)).data.cart_session
    const clearManual = async (id: string, body: Record<string, unknown> = {}) =>
      (await api.delete(manualPath(id), { ...admin, data: body })).data.cart_session
    const adminGet = async (id: string) => (await api.get(`/admin/cart-sessions/${id}`, admin)).data.cart_session
    const linesOf = (session: any) => session.bags.flatMap((bag: any) => bag.items)
    const lineOf = (session: any, product: CreatedProduct) =>
      linesOf(session).find((line: any) => line.variant_id === product.variantId)
    const manualOf = (session: any) => session.discounts.filter((discount: any) => discount.type === "MANUAL")
    const tentAndMug = (extra: Record<string, unknown> = {}) =>
      store.create({
        items: [
          { variant_id: tent.variantId, quantity: 1 },
          { variant_id: mug.variantId, quantity: 1 },
        ],
        ...extra,
      })

    /** Everything a refused request must leave as it was: the session's view and its rows, removed ones included. */
    async function snapshot(id: string) {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const rows = async (table: string) =>
        (await knex(table).where({ cart_session_id: id }).orderBy("id")).map(({ raw_amount, ...row }: any) => row)
      return {
        view: await adminGet(id),
        session: await knex("cart_session").where({ id }).first(),
        items: await rows("cart_session_line_item"),
        discounts: await rows("cart_session_discount"),
        manual: await rows("cart_session_manual_discount"),
      }
    }

    describe("admin authentication", () => {
      it.each([
        ["GET", "/admin/cart-sessions"],
        ["GET", "/admin/cart-sessions/csess_1"],
        ["POST", "/admin/cart-sessions/csess_1/manual-discounts"],
        ["DELETE", "/admin/cart-sessions/csess_1/manual-discounts"],
      ])("is required for %s %s (401 without it)", async (method, path) => {
        const request = method === "GET" ? api.get(path) : method === "DELETE" ? api.delete(path) : api.post(path, {})
        expect((await refused(request)).status).toBe(401)
      })

      it("is not given by a publishable key", async () => {
        const session = await tentAndMug()
        const { status } = await refused(api.post(manualPath(session.id), { cart: [{ amount: 1, name: "x" }] }, shop.anonymous))
        expect(status).toBe(401)
      })
    })

    describe("a cart-level manual discount", () => {
      it("shares 1.00 over lines of 3.33, 3.33 and 3.34 as 0.33, 0.33 and 0.34, across both bags", async () => {
        const session = await store.create({ items: thirds.map((product) => ({ variant_id: product.variantId, quantity: 1 })) })
        const updated = await setManual(session.id, { cart: [{ amount: 1, name: "Goodwill", reason: "Late delivery" }] })

        const [a, b, c] = thirds.map((product) => lineOf(updated, product))
        expect([a.discount_total, b.discount_total, c.discount_total]).toEqual([0.33, 0.33, 0.34])
        expect([a.total, b.total, c.total]).toEqual([3, 3, 3])
        const [acme, globex] = updated.bags
        expect(acme).toMatchObject({ merchant_id: "acme", subtotal: 6.67, discount_total: 0.67, total: 6 })
        expect(globex).toMatchObject({ merchant_id: "globex", subtotal: 3.33, discount_total: 0.33, total: 3 })
        expect(updated).toMatchObject({ subtotal: 10, discount_total: 1, total: 9, version: 2, priced: true })

        const [discount] = manualOf(updated)
        expect(discount).toEqual({
          id: expect.stringMatching(/^csdisc_/),
          code: null,
          merchant_id: null,
          type: "MANUAL",
          name: "Goodwill",
          status: "APPLIED",
          value_type: "fixed",
          value: 1,
          amount_total: 1,
          is_primary: false,
          message: "Manual discount Goodwill applied: 1.00 off",
          allocations: [
            { line_item_id: a.id, amount: 0.33 },
            { line_item_id: b.id, amount: 0.33 },
            { line_item_id: c.id, amount: 0.34 },
          ],
        })
        expect(acme.discounts).toEqual([{ id: discount.id, code: null, type: "MANUAL", amount: 0.67 }])
        expect(updated.manual_discounts).toEqual([
          {
            id: expect.stringMatching(/^csman_/),
            discount_id: discount.id,
            scope: "cart",
            line_item_id: null,
            amount: 1,
            name: "Goodwill",
            reason: "Late delivery",
            created_by: adminId,
            created_by_user: { id: adminId, email: ADMIN_EMAIL, first_name: null, last_name: null },
            created_at: expect.any(String),
            status: "APPLIED",
            amount_total: 1,
            message: "Manual discount Goodwill applied: 1.00 off",
          },
        ])
      })

      it("shows in the store API as a discount of type MANUAL counted in the totals, without who or why", async () => {
        const session = await store.create({ items: thirds.map((product) => ({ variant_id: product.variantId, quantity: 1 })) })
        const adminView = await setManual(session.id, { cart: [{ amount: 1, name: "Goodwill", reason: "Late delivery" }] })
        const shopperView = await store.get(session.id)
        const { manual_discounts, ...sameView } = adminView
        expect(shopperView).toEqual(sameView)
        expect(JSON.stringify(shopperView)).not.toContain("Late delivery")
        expect(shopperView.messages).toEqual(["Manual discount Goodwill applied: 1.00 off"])
      })

      it.each([
        // 0.10 over 3.33, 3.33 and 3.34: exact shares 0.0333, 0.0333 and 0.0334; the cent left goes to the largest remainder.
        ["usd", 0.1, [0.03, 0.03, 0.04], 9.9],
        // Three equal lines: the unit left goes to the first line.
        ["jpy", 100, [34, 33, 33], 2900],
        ["kwd", 0.1, [0.034, 0.033, 0.033], 2.9],
      ])("spreads an amount that does not divide evenly in %s to the minor unit, summing exactly", async (currency, amount, shares, total) => {
        const items = thirds.map((product) => ({ variant_id: product.variantId, quantity: 1 }))
        const session = await store.create({ currency_code: currency, items })
        const updated = await setManual(session.id, { cart: [{ amount, name: "Odd" }] })
        expect(updated.currency_code).toBe(currency)
        const [discount] = manualOf(updated)
        expect(discount).toMatchObject({ status: "APPLIED", amount_total: amount })
        expect(discount.allocations.map((share: any) => share.amount)).toEqual(shares)
        expect(updated.total).toBe(total)
        expect(updated.discount_total).toBe(amount)
      })
    })
  },
})
