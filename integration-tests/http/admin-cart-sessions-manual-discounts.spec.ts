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

    beforeEach(() => {
      heard.length = 0
    })

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
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
          target_type: "items",
          allocations: [
            { line_item_id: a.id, amount: 0.33 },
            { line_item_id: b.id, amount: 0.33 },
            { line_item_id: c.id, amount: 0.34 },
          ],
          shipping_allocations: [],
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
        // The admin's view adds who set it and why, and each bag's merchant name (admin only).
        const { manual_discounts, bags, ...sameView } = adminView
        expect(shopperView).toEqual({ ...sameView, bags: bags.map(({ merchant_name, ...bag }: any) => bag) })
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

    describe("replace semantics", () => {
      it("replaces every earlier manual discount with the ones given, and clears them all", async () => {
        const session = await tentAndMug()
        const first = await setManual(session.id, {
          cart: [{ amount: 5, name: "Goodwill" }],
          items: [{ line_item_id: lineOf(session, mug).id, amount: 2, name: "Scratched mug" }],
        })
        expect(first.manual_discounts.map((discount: any) => [discount.scope, discount.name, discount.amount_total])).toEqual([
          ["cart", "Goodwill", 5],
          ["item", "Scratched mug", 2],
        ])
        expect(first).toMatchObject({ version: 2, discount_total: 7, total: 317.96 })

        const second = await setManual(session.id, { items: [{ line_item_id: lineOf(session, tent).id, amount: 20, name: "Dented pole" }] })
        expect(manualOf(second).map((discount: any) => discount.name)).toEqual(["Dented pole"])
        expect(second.manual_discounts).toEqual([expect.objectContaining({ scope: "item", line_item_id: lineOf(session, tent).id, amount: 20 })])
        expect(second).toMatchObject({ version: 3, discount_total: 20, total: 304.96 })
        expect(lineOf(second, tent)).toMatchObject({ discount_total: 20, total: 279.97 })
        expect(lineOf(second, mug)).toMatchObject({ discount_total: 0, total: 24.99 })

        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const live = await knex("cart_session_manual_discount").where({ cart_session_id: session.id }).whereNull("deleted_at")
        expect(live.map((row: any) => row.name)).toEqual(["Dented pole"])

        const cleared = await clearManual(session.id)
        expect(cleared).toMatchObject({ version: 4, discount_total: 0, total: 324.96, discounts: [], manual_discounts: [] })
        expect(await store.get(session.id)).toMatchObject({ version: 4, total: 324.96, discounts: [] })
        const again = await clearManual(session.id)
        expect(again.version).toBe(4) // nothing to clear: nothing changes

        await eventually(async () => heard.map((event) => event.name), (names) => names.length >= 3)
        expect(heard).toEqual([
          { name: SET, id: session.id, manual_discount_ids: [expect.stringMatching(/^csman_/), expect.stringMatching(/^csman_/)] },
          { name: SET, id: session.id, manual_discount_ids: [expect.stringMatching(/^csman_/)] },
          { name: CLEARED, id: session.id },
        ])
      })

      it("replays a retried request with the same Idempotency-Key instead of setting the discounts twice", async () => {
        const session = await tentAndMug()
        const key = { headers: { ...admin.headers, "Idempotency-Key": "9b2f5c0e-6a1d-4c1e-9d7e-3f4a5b6c7d8e" } }
        const body = { cart: [{ amount: 5, name: "Goodwill" }] }
        const first = await api.post(manualPath(session.id), body, key)
        const retry = await api.post(manualPath(session.id), body, key)
        expect(retry.headers["idempotent-replayed"]).toBe("true")
        expect(retry.data).toEqual(first.data)
        expect((await adminGet(session.id)).version).toBe(2)
      })
    })

    describe("order of application: manual discounts first, then codes on what is left", () => {
      it("takes a code's percentage of what the manual discount left", async () => {
        const session = await tentAndMug({ discounts: [{ code: "SAVE10" }] })
        expect(session.discount_total).toBe(32.49)
        const updated = await setManual(session.id, { cart: [{ amount: 10, name: "Goodwill" }] })
        // 324.96 - 10.00 = 314.96; 10% of it, floored: 31.49.
        expect(updated.discounts.map((discount: any) => [discount.type, discount.amount_total])).toEqual([
          ["CODE", 31.49],
          ["MANUAL", 10],
        ])
        expect(updated).toMatchObject({ subtotal: 324.96, discount_total: 41.49, total: 283.47 })
      })

      it("never lets a code added later push a total below zero", async () => {
        const session = await tentAndMug()
        await setManual(session.id, { cart: [{ amount: 324.96, name: "On the house" }] })
        const withCode = await store.post(`${session.id}/coupons`, { code: "SAVE10" })
        const code = withCode.discounts.find((discount: any) => discount.code === "SAVE10")
        expect(code).toMatchObject({ status: "APPLIED", amount_total: 0 })
        expect(code.message).toBe("Code SAVE10 applied: you saved 0.00 (nothing was left to discount)")
        expect(manualOf(withCode)[0]).toMatchObject({ status: "APPLIED", amount_total: 324.96 })
        expect(withCode).toMatchObject({ discount_total: 324.96, total: 0 })
        for (const line of linesOf(withCode)) expect(line.total).toBe(0)
      })

      it("leaves a line with an item-level manual discount out of a code added later, and says so", async () => {
        const session = await tentAndMug()
        await setManual(session.id, { items: [{ line_item_id: lineOf(session, mug).id, amount: 2, name: "Scratched mug" }] })
        const withCode = await store.post(`${session.id}/coupons`, { code: "SAVE10" })
        const code = withCode.discounts.find((discount: any) => discount.code === "SAVE10")
        // 10% of the tent only (299.97), floored: 29.99.
        expect(code).toMatchObject({
          status: "APPLIED",
          amount_total: 29.99,
          allocations: [{ line_item_id: lineOf(session, tent).id, amount: 29.99 }],
          message: "Code SAVE10 applied: you saved 29.99 (items with a manual discount are left out)",
        })
        expect(lineOf(withCode, mug)).toMatchObject({ discount_total: 2, total: 22.99 })
      })

      it("does not let a shopper remove a manual discount through the store API", async () => {
        const session = await tentAndMug()
        const updated = await setManual(session.id, { cart: [{ amount: 5, name: "Goodwill" }] })
        const [discount] = manualOf(updated)
        const { status, body } = await refused(
          api.delete(`/store/cart-sessions/${session.id}/discounts/${discount.id}`, shop.anonymous)
        )
        expect(status).toBe(404)
        expect(body.code).toBe("CART_SESSION_DISCOUNT_NOT_FOUND")
        expect((await store.get(session.id)).total).toBe(319.96)
      })

      it("keeps a manual discount whose line the shopper removed, not applied, for staff to see", async () => {
        const session = await tentAndMug()
        const mugLine = lineOf(session, mug).id
        await setManual(session.id, { items: [{ line_item_id: mugLine, amount: 2, name: "Scratched mug" }] })
        const removed = (await api.delete(`/store/cart-sessions/${session.id}/line-items/${mugLine}`, shop.anonymous)).data.cart_session
        expect(manualOf(removed)).toEqual([
          expect.objectContaining({
            status: "NOT_APPLICABLE",
            amount_total: 0,
            message: "Manual discount Scratched mug was not applied: its item is no longer in the cart",
          }),
        ])
        expect(removed).toMatchObject({ total: 299.97, priced: true })
      })
    })

    describe("refusals: nothing changes", () => {
      const conflictBody = (session: any) => ({
        items: [{ line_item_id: lineOf(session, mug).id, amount: 2, name: "Scratched mug" }],
      })

      it("refuses an item-level discount on a line an applied code discounts with 409 MANUAL_DISCOUNT_CONFLICT naming the line and the code", async () => {
        const session = await tentAndMug({ discounts: [{ code: "SAVE10" }] })
        const before = await snapshot(session.id)
        const { status, body } = await refused(api.post(manualPath(session.id), conflictBody(session), admin))
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "MANUAL_DISCOUNT_CONFLICT",
          message:
            `Line "Camp mug" (${lineOf(session, mug).id}) already has a discount from code SAVE10: an item-level manual ` +
            "discount cannot go on it. Remove the code first, or give a cart-level manual discount",
        })
        expect(await snapshot(session.id)).toEqual(before)
        expect(heard).toEqual([])
      })

      it("accepts a cart-level discount beside the same code", async () => {
        const session = await tentAndMug({ discounts: [{ code: "SAVE10" }] })
        const updated = await setManual(session.id, { cart: [{ amount: 2, name: "Goodwill" }] })
        expect(updated.discounts.map((discount: any) => discount.status)).toEqual(["APPLIED", "APPLIED"])
      })

      it.each([
        ["an amount of 0", "MANUAL_DISCOUNT_AMOUNT_INVALID", { cart: [{ amount: 0, name: "x" }] }, "Field 'cart.0.amount' must be an amount above 0, got 0"],
        ["a negative amount", "MANUAL_DISCOUNT_AMOUNT_INVALID", { cart: [{ amount: -5, name: "x" }] }, "Field 'cart.0.amount' must be an amount above 0, got -5"],
        ["more decimals than USD has", "MANUAL_DISCOUNT_AMOUNT_INVALID", { cart: [{ amount: 1.005, name: "x" }] }, "Field 'cart.0.amount' must have at most 2 decimals in USD, got 1.005"],
        ["a cart-level amount above the session", "MANUAL_DISCOUNT_AMOUNT_TOO_HIGH", { cart: [{ amount: 300, name: "a" }, { amount: 24.97, name: "b" }] }, "Field 'cart.1.amount' is more than is left of the cart session: 24.96 USD left, got 24.97"],
      ])("refuses %s with 400 %s", async (_, code, body, message) => {
        const session = await tentAndMug()
        const before = await snapshot(session.id)
        const { status, body: error } = await refused(api.post(manualPath(session.id), body, admin))
        expect(status).toBe(400)
        expect(error).toEqual({ type: "invalid_data", code, message })
        expect(await snapshot(session.id)).toEqual(before)
      })

      it("refuses an item-level amount above what is left on its line with 400 MANUAL_DISCOUNT_AMOUNT_TOO_HIGH", async () => {
        const session = await tentAndMug()
        await setManual(session.id, { cart: [{ amount: 1, name: "Earlier" }] })
        const before = await snapshot(session.id)
        const mugLine = lineOf(session, mug).id
        const body = {
          items: [
            { line_item_id: mugLine, amount: 20, name: "a" },
            { line_item_id: mugLine, amount: 5, name: "b" },
          ],
        }
        const { status, body: error } = await refused(api.post(manualPath(session.id), body, admin))
        expect(status).toBe(400)
        expect(error).toEqual({
          type: "invalid_data",
          code: "MANUAL_DISCOUNT_AMOUNT_TOO_HIGH",
          message: `Field 'items.1.amount' is more than is left on line "Camp mug" (${mugLine}): 4.99 USD left, got 5`,
        })
        expect(await snapshot(session.id)).toEqual(before)
      })

      it("refuses a line that is not in the session with 400 MANUAL_DISCOUNT_LINE_NOT_FOUND", async () => {
        const session = await tentAndMug()
        const before = await snapshot(session.id)
        const body = { items: [{ line_item_id: "csitem_elsewhere", amount: 1, name: "x" }] }
        const { status, body: error } = await refused(api.post(manualPath(session.id), body, admin))
        expect(status).toBe(400)
        expect(error).toEqual({
          type: "invalid_data",
          code: "MANUAL_DISCOUNT_LINE_NOT_FOUND",
          message: `Field 'items.0.line_item_id' must be a line of cart session ${session.id}, got "csitem_elsewhere"`,
        })
        expect(await snapshot(session.id)).toEqual(before)
      })

      it.each([
        ["JPY with a decimal", "jpy", 1.5, "Field 'cart.0.amount' must have no decimals in JPY, got 1.5"],
        ["KWD with four decimals", "kwd", 0.0005, "Field 'cart.0.amount' must have at most 3 decimals in KWD, got 0.0005"],
      ])("refuses %s with 400 MANUAL_DISCOUNT_AMOUNT_INVALID", async (_, currency, amount, message) => {
        const session = await store.create({ currency_code: currency, items: [{ variant_id: thirds[0].variantId, quantity: 1 }] })
        const { status, body } = await refused(api.post(manualPath(session.id), { cart: [{ amount, name: "x" }] }, admin))
        expect(status).toBe(400)
        expect(body).toEqual({ type: "invalid_data", code: "MANUAL_DISCOUNT_AMOUNT_INVALID", message })
      })

      it.each([
        ["no discount at all", {}, "'cart' or 'items'"],
        ["a discount without a name", { cart: [{ amount: 1 }] }, "cart, 0, name"],
        ["an amount that is not a number", { cart: [{ amount: "1", name: "x" }] }, "cart, 0, amount"],
        ["an unknown field", { cart: [{ amount: 1, name: "x", code: "SAVE10" }] }, "code"],
      ])("refuses %s with a 400 naming it", async (_, body, named) => {
        const session = await tentAndMug()
        const before = await snapshot(session.id)
        const { status, body: error } = await refused(api.post(manualPath(session.id), body, admin))
        expect(status).toBe(400)
        expect(error.type).toBe("invalid_data")
        expect(error.message).toContain(named)
        expect(await snapshot(session.id)).toEqual(before)
      })

      it("refuses a NUL character in a name with 400 INVALID_CHARACTERS", async () => {
        const session = await tentAndMug()
        const before = await snapshot(session.id)
        const { status, body } = await refused(api.post(manualPath(session.id), { cart: [{ amount: 1, name: "Good\u0000will" }] }, admin))
        expect(status).toBe(400)
        expect(body).toEqual({
          type: "invalid_data",
          code: "INVALID_CHARACTERS",
          message: "Field 'cart.0.name' must not contain NUL characters (\\u0000)",
        })
        expect(await snapshot(session.id)).toEqual(before)
      })

      it("refuses a session that is no longer open with 409 CART_SESSION_NOT_OPEN", async () => {
        const session = await tentAndMug()
        await setManual(session.id, { cart: [{ amount: 1, name: "Earlier" }] })
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex("cart_session").where({ id: session.id }).update({ status: "cancelled" })
        const before = await snapshot(session.id)
        for (const request of [
          api.post(manualPath(session.id), { cart: [{ amount: 1, name: "x" }] }, admin),
          api.delete(manualPath(session.id), admin),
        ]) {
          const { status, body } = await refused(request)
          expect(status).toBe(409)
          expect(body).toEqual({
            type: "conflict",
            code: "CART_SESSION_NOT_OPEN",
            message: `Cart session ${session.id} is cancelled and can no longer be changed`,
          })
        }
        expect(await snapshot(session.id)).toEqual(before)
      })

      it("refuses a stale version with 409 VERSION_CONFLICT", async () => {
        const session = await tentAndMug()
        await store.post(`${session.id}/line-items`, { variant_id: kettle.variantId, quantity: 1 })
        const before = await snapshot(session.id)
        for (const request of [
          api.post(manualPath(session.id), { cart: [{ amount: 1, name: "x" }], version: 1 }, admin),
          api.delete(manualPath(session.id), { ...admin, data: { version: 1 } }),
        ]) {
          const { status, body } = await refused(request)
          expect(status).toBe(409)
          expect(body).toEqual({
            type: "conflict",
            code: "VERSION_CONFLICT",
            message: `Cart session ${session.id} is at version 2, not 1: reload it and try again`,
          })
        }
        expect(await snapshot(session.id)).toEqual(before)
        expect((await setManual(session.id, { cart: [{ amount: 1, name: "x" }], version: 2 })).version).toBe(3)
      })

      it("answers 404 CART_SESSION_NOT_FOUND for a session that does not exist", async () => {
        const { status, body } = await refused(api.post(manualPath("csess_nope"), { cart: [{ amount: 1, name: "x" }] }, admin))
        expect(status).toBe(404)
        expect(body).toEqual({ type: "not_found", code: "CART_SESSION_NOT_FOUND", message: "Cart session csess_nope was not found" })
      })
    })
  },
})
