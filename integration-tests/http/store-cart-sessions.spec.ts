import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../src/modules/cart-session"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import {
  CART_SESSIONS as SESSIONS,
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  registerCustomer,
  Storefront,
} from "../helpers/store"
import { forceCartSessionState } from "../helpers/sessions"

jest.setTimeout(120_000)

const WEEK_MS = 7 * 24 * 3600 * 1000

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let tent: CreatedProduct
    let mug: CreatedProduct
    let wrap: CreatedProduct
    let beans: CreatedProduct
    let giftBox: CreatedProduct
    let tote: CreatedProduct
    let draft: CreatedProduct
    let hidden: CreatedProduct
    let euroOnly: CreatedProduct

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd", "kwd", "jpy"] })
      const sold = [shop.salesChannelId]
      ;[tent, mug, wrap, beans, giftBox, tote, draft, hidden, euroOnly] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97, kwd: 0.3334, jpy: 333.7 }, salesChannelIds: sold },
        { title: "Camp mug", merchant: "acme", prices: { usd: 24.99 }, salesChannelIds: sold },
        { title: "Gift wrap", merchant: "acme", addOn: true, prices: { usd: 4.99 }, salesChannelIds: sold },
        { title: "Espresso beans", merchant: "globex", prices: { usd: 11.370000000000001 }, salesChannelIds: sold },
        { title: "Gift box", merchant: "globex", addOn: true, prices: { usd: 2.5 }, salesChannelIds: sold },
        { title: "Store tote bag", prices: { usd: 9.99 }, salesChannelIds: sold },
        { title: "Prototype", merchant: "acme", status: "draft", prices: { usd: 1 }, salesChannelIds: sold },
        { title: "Wholesale pallet", merchant: "acme", prices: { usd: 1 }, salesChannelIds: [] },
        { title: "Euro mug", merchant: "acme", prices: { eur: 5 }, salesChannelIds: sold },
      ])
    })

    const { create: createSession, get: getSession, post } = cartSessionRequests(api, () => shop.anonymous)
    const addItem = (id: string, variantId: string, quantity = 1, headers = shop.anonymous) =>
      post(`${id}/line-items`, { variant_id: variantId, quantity }, headers)
    const lineOf = (session: any, variantId: string) =>
      session.bags.flatMap((bag: any) => bag.items).find((line: any) => line.variant_id === variantId)

    describe("POST /store/cart-sessions", () => {
      it("creates an open, empty session in the store's default region and the key's sales channel (201)", async () => {
        const before = Date.now()
        const response = await api.post(SESSIONS, {}, shop.anonymous)
        expect(response.status).toBe(201)
        const session = response.data.cart_session
        expect(session).toMatchObject({
          status: "open",
          currency_code: "usd",
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          customer_id: null,
          version: 1,
          priced: true,
          converted_cart_id: null,
          bags: [],
          discounts: [],
          subtotal: 0,
          discount_total: 0,
          total: 0,
          messages: [],
          add_ons_offered: [],
        })
        const expiresAt = new Date(session.expires_at).getTime()
        expect(expiresAt).toBeGreaterThanOrEqual(before + WEEK_MS - 1000)
        expect(expiresAt).toBeLessThanOrEqual(Date.now() + WEEK_MS + 1000)
      })

      it("creates a session with items in one bag per merchant and codes already priced", async () => {
        const session = await createSession({
          email: "shopper@example.com",
          metadata: { source: "landing-page" },
          items: [
            { variant_id: tent.variantId, quantity: 1 },
            { variant_id: beans.variantId, quantity: 2 },
          ],
          discounts: [{ code: "NO-SUCH-CODE" }],
        })
        expect(session).toMatchObject({ email: "shopper@example.com", metadata: { source: "landing-page" }, priced: true })
        expect(session.bags.map((bag: any) => [bag.merchant_id, bag.subtotal])).toEqual([
          ["acme", 299.97],
          ["globex", 22.74],
        ])
        expect(session.subtotal).toBe(322.71)
        expect(session.discounts).toEqual([
          expect.objectContaining({ code: "NO-SUCH-CODE", status: "INVALID", amount_total: 0 }),
        ])
        expect(session.messages).toEqual(['Coupon code "NO-SUCH-CODE" does not exist'])
      })

      it("prices in the region's currency, converting the host's price once: 0.3334 KWD is 0.333, 333.7 JPY is 334", async () => {
        const kwd = await createSession({ region_id: shop.regionIds.kwd, items: [{ variant_id: tent.variantId, quantity: 3 }] })
        expect(kwd.currency_code).toBe("kwd")
        expect(lineOf(kwd, tent.variantId)).toMatchObject({ unit_price: 0.333, subtotal: 0.999, total: 0.999 })
        expect(kwd.total).toBe(0.999)

        const jpy = await createSession({ region_id: shop.regionIds.jpy, items: [{ variant_id: tent.variantId, quantity: 2 }] })
        expect(lineOf(jpy, tent.variantId)).toMatchObject({ unit_price: 334, subtotal: 668 })
      })

      it("refuses an unknown region with 400 REGION_NOT_FOUND", async () => {
        const { status, body } = await refused(api.post(SESSIONS, { region_id: "reg_missing" }, shop.anonymous))
        expect(status).toBe(400)
        expect(body).toEqual({ type: "invalid_data", code: "REGION_NOT_FOUND", message: expect.stringContaining("reg_missing") })
      })

      it("refuses a sales channel that is not the publishable key's with 400 SALES_CHANNEL_NOT_ALLOWED", async () => {
        const { status, body } = await refused(api.post(SESSIONS, { sales_channel_id: "sc_other" }, shop.anonymous))
        expect(status).toBe(400)
        expect(body).toMatchObject({ code: "SALES_CHANNEL_NOT_ALLOWED", message: expect.stringContaining("sales_channel_id") })
      })

      it("refuses unknown fields and wrong types with a 400 naming the field, and creates nothing", async () => {
        const unknownField = await refused(api.post(SESSIONS, { colour: "red" }, shop.anonymous))
        expect(unknownField.status).toBe(400)
        expect(unknownField.body.message).toMatch(/colour/)

        const wrongType = await refused(
          api.post(SESSIONS, { items: [{ variant_id: tent.variantId, quantity: "two" }] }, shop.anonymous)
        )
        expect(wrongType.status).toBe(400)
        expect(wrongType.body.message).toMatch(/quantity/)

        const badItem = await refused(api.post(SESSIONS, { items: [{ variant_id: "variant_missing", quantity: 1 }] }, shop.anonymous))
        expect(badItem.body).toMatchObject({ code: "VARIANT_NOT_FOUND", message: expect.stringContaining("items[0].variant_id") })

        const sessions = getContainer().resolve<CartSessionModuleService>(CART_SESSION_MODULE)
        expect(await sessions.listCartSessions({})).toEqual([])
      })

      it("belongs to the logged-in customer, with the customer's email", async () => {
        const { customerId, headers } = await registerCustomer(api, shop.publishableKey, "owner@example.com")
        const session = await createSession({}, headers)
        expect(session).toMatchObject({ customer_id: customerId, email: "owner@example.com" })
      })

      it("replays the first answer to a retry with the same Idempotency-Key instead of creating a second session", async () => {
        const headers = { headers: { ...shop.anonymous.headers, "Idempotency-Key": "create-1" } }
        const first = await api.post(SESSIONS, { items: [{ variant_id: mug.variantId, quantity: 1 }] }, headers)
        const retry = await api.post(SESSIONS, { items: [{ variant_id: mug.variantId, quantity: 1 }] }, headers)
        expect(retry.status).toBe(201)
        expect(retry.data.cart_session.id).toBe(first.data.cart_session.id)
        const sessions = getContainer().resolve<CartSessionModuleService>(CART_SESSION_MODULE)
        expect(await sessions.listCartSessions({})).toHaveLength(1)
      })
    })

    describe("GET /store/cart-sessions/:id", () => {
      it("returns an anonymous session to whoever holds its id", async () => {
        const created = await createSession({ items: [{ variant_id: mug.variantId, quantity: 2 }] })
        const { headers } = await registerCustomer(api, shop.publishableKey, "someone@example.com")
        expect(await getSession(created.id, headers)).toEqual(created)
        expect(await getSession(created.id)).toEqual(created)
      })

      it("answers 404 CART_SESSION_NOT_FOUND for an unknown id", async () => {
        const { status, body } = await refused(api.get(`${SESSIONS}/csess_missing`, shop.anonymous))
        expect(status).toBe(404)
        expect(body).toEqual({
          type: "not_found",
          code: "CART_SESSION_NOT_FOUND",
          message: "Cart session csess_missing was not found",
        })
      })
    })

    describe("a customer's session", () => {
      it("is visible and changeable only with that customer's token; others get 404 CART_SESSION_NOT_FOUND", async () => {
        const owner = await registerCustomer(api, shop.publishableKey, "owner@example.com")
        const stranger = await registerCustomer(api, shop.publishableKey, "stranger@example.com")
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }] }, owner.headers)
        const line = lineOf(session, mug.variantId)

        const attempts = [
          () => api.get(`${SESSIONS}/${session.id}`, stranger.headers),
          () => api.get(`${SESSIONS}/${session.id}`, shop.anonymous),
          () => api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: tent.variantId, quantity: 1 }, shop.anonymous),
          () => api.patch(`${SESSIONS}/${session.id}/line-items/${line.id}`, { quantity: 5 }, stranger.headers),
          () => api.delete(`${SESSIONS}/${session.id}/line-items/${line.id}`, stranger.headers),
          () => api.post(`${SESSIONS}/${session.id}/coupons`, { code: "SAVE10" }, stranger.headers),
          () => api.post(`${SESSIONS}/${session.id}/price`, {}, shop.anonymous),
          () => api.post(`${SESSIONS}/${session.id}/convert`, {}, stranger.headers),
        ]
        for (const attempt of attempts) {
          const { status, body } = await refused(attempt())
          expect(status).toBe(404)
          expect(body).toEqual({
            type: "not_found",
            code: "CART_SESSION_NOT_FOUND",
            message: `Cart session ${session.id} was not found`,
          })
        }
        expect(await getSession(session.id, owner.headers)).toEqual(session)
        const changed = await addItem(session.id, tent.variantId, 1, owner.headers)
        expect(changed.version).toBe(2)
      })

      it("is linked to the host's customer, region and sales channel for query.graph", async () => {
        const owner = await registerCustomer(api, shop.publishableKey, "linked@example.com")
        const session = await createSession({}, owner.headers)
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const {
          data: [found],
        } = await query.graph({
          entity: "cart_session",
          fields: ["id", "customer.email", "region.currency_code", "sales_channel.id"],
          filters: { id: session.id },
        })
        expect(found).toMatchObject({
          id: session.id,
          customer: { email: "linked@example.com" },
          region: { currency_code: "usd" },
          sales_channel: { id: shop.salesChannelId },
        })
      })
    })

    describe("line items", () => {
      it("are added by variant at the host's price, with the product's title and merchant", async () => {
        const session = await createSession()
        const updated = await addItem(session.id, beans.variantId, 2)
        expect(updated.bags).toHaveLength(1)
        expect(updated.bags[0]).toMatchObject({ merchant_id: "globex", subtotal: 22.74, discount_total: 0, total: 22.74 })
        expect(updated.bags[0].items[0]).toEqual({
          id: expect.stringMatching(/^csitem_/),
          variant_id: beans.variantId,
          product_id: beans.productId,
          title: "Espresso beans",
          variant_title: "Default",
          quantity: 2,
          unit_price: 11.37,
          subtotal: 22.74,
          discount_total: 0,
          // No shipping address yet: no tax.
          tax_total: 0,
          total: 22.74,
          is_tax_inclusive: false,
          is_add_on: false,
          metadata: null,
        })
      })

      it("add to the quantity of a variant already in the session", async () => {
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }] })
        const updated = await addItem(session.id, mug.variantId, 2)
        expect(updated.bags[0].items).toHaveLength(1)
        expect(lineOf(updated, mug.variantId)).toMatchObject({ quantity: 3, subtotal: 74.97 })
      })

      it("of products naming no merchant go to the fallback merchant's bag", async () => {
        const session = await createSession({ items: [{ variant_id: tote.variantId, quantity: 1 }] })
        expect(session.bags.map((bag: any) => bag.merchant_id)).toEqual(["house"])
      })

      it("take a new quantity with PATCH, and go with PATCH 0 or DELETE", async () => {
        const session = await createSession({
          items: [
            { variant_id: mug.variantId, quantity: 1 },
            { variant_id: beans.variantId, quantity: 1 },
          ],
        })
        const mugLine = lineOf(session, mug.variantId)
        const beansLine = lineOf(session, beans.variantId)

        const patched = (await api.patch(`${SESSIONS}/${session.id}/line-items/${mugLine.id}`, { quantity: 4 }, shop.anonymous)).data.cart_session
        expect(lineOf(patched, mug.variantId).quantity).toBe(4)

        const zeroed = (await api.patch(`${SESSIONS}/${session.id}/line-items/${mugLine.id}`, { quantity: 0 }, shop.anonymous)).data.cart_session
        expect(lineOf(zeroed, mug.variantId)).toBeUndefined()

        const deleted = (await api.delete(`${SESSIONS}/${session.id}/line-items/${beansLine.id}`, shop.anonymous)).data.cart_session
        expect(deleted.bags).toEqual([])
        expect(deleted.version).toBe(4)
      })

      it("that are unknown answer 404 CART_SESSION_LINE_ITEM_NOT_FOUND", async () => {
        const session = await createSession()
        const { status, body } = await refused(api.delete(`${SESSIONS}/${session.id}/line-items/csitem_missing`, shop.anonymous))
        expect(status).toBe(404)
        expect(body).toEqual({
          type: "not_found",
          code: "CART_SESSION_LINE_ITEM_NOT_FOUND",
          message: `Line item csitem_missing was not found in cart session ${session.id}`,
        })
      })

      it("refuse a variant that does not exist, is not sold in the sales channel or is not published (400 VARIANT_NOT_FOUND)", async () => {
        const session = await createSession()
        for (const variantId of ["variant_missing", hidden.variantId, draft.variantId]) {
          const { status, body } = await refused(
            api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: variantId, quantity: 1 }, shop.anonymous)
          )
          expect(status).toBe(400)
          expect(body).toEqual({
            type: "invalid_data",
            code: "VARIANT_NOT_FOUND",
            message: `Field 'variant_id': variant ${variantId} does not exist or is not sold in this sales channel`,
          })
        }
        expect(await getSession(session.id)).toEqual(session)
      })

      it("refuse a variant without a price in the session's currency (400 VARIANT_NOT_PRICED)", async () => {
        const session = await createSession()
        const { status, body } = await refused(
          api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: euroOnly.variantId, quantity: 1 }, shop.anonymous)
        )
        expect(status).toBe(400)
        expect(body).toMatchObject({ code: "VARIANT_NOT_PRICED", message: expect.stringContaining("USD") })
      })

      it("refuse a quantity that is not a whole number from 1 to maxLineQuantity (400 QUANTITY_OUT_OF_RANGE naming the field)", async () => {
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 999 }] })
        const line = lineOf(session, mug.variantId)
        const attempts = [
          () => api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: tent.variantId, quantity: 0 }, shop.anonymous),
          () => api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: tent.variantId, quantity: -1 }, shop.anonymous),
          () => api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: tent.variantId, quantity: 2.5 }, shop.anonymous),
          () => api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: tent.variantId, quantity: 1001 }, shop.anonymous),
          () => api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: mug.variantId, quantity: 2 }, shop.anonymous),
          () => api.patch(`${SESSIONS}/${session.id}/line-items/${line.id}`, { quantity: 1001 }, shop.anonymous),
        ]
        for (const attempt of attempts) {
          const { status, body } = await refused(attempt())
          expect(status).toBe(400)
          expect(body).toMatchObject({ code: "QUANTITY_OUT_OF_RANGE", message: expect.stringMatching(/^Field 'quantity' must be a whole number from 1 to 1000/) })
        }
        expect(await getSession(session.id)).toEqual(session)
      })
    })

    describe("version", () => {
      it("grows by one on every change", async () => {
        const session = await createSession()
        expect(session.version).toBe(1)
        expect((await addItem(session.id, mug.variantId)).version).toBe(2)
        expect((await addItem(session.id, tent.variantId)).version).toBe(3)
      })

      it("that is stale is refused with 409 VERSION_CONFLICT, and nothing changes", async () => {
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }] })
        await addItem(session.id, tent.variantId)
        const current = await getSession(session.id)

        const { status, body } = await refused(
          api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: beans.variantId, quantity: 1, version: 1 }, shop.anonymous)
        )
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "VERSION_CONFLICT",
          message: `Cart session ${session.id} is at version 2, not 1: reload it and try again`,
        })
        expect(await getSession(session.id)).toEqual(current)

        const accepted = (
          await api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: beans.variantId, quantity: 1, version: 2 }, shop.anonymous)
        ).data.cart_session
        expect(accepted.version).toBe(3)
      })
    })

    describe("a session that is not open", () => {
      it("refuses changes with 409 CART_SESSION_NOT_OPEN once expired, and shows itself expired", async () => {
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }] })
        const overdue = await forceCartSessionState(getContainer(), session.id, { expires_at: new Date(Date.now() - 1000) })

        const { status, body } = await refused(
          api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: tent.variantId, quantity: 1 }, shop.anonymous)
        )
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "CART_SESSION_NOT_OPEN",
          message: `Cart session ${session.id} is expired and can no longer be changed`,
        })
        const shown = await getSession(session.id)
        expect(shown).toMatchObject({ status: "expired", version: overdue.version })
      })

      it("refuses changes to a converted session with 409 CART_SESSION_NOT_OPEN", async () => {
        const session = await createSession()
        await forceCartSessionState(getContainer(), session.id, { status: "converted" })
        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/coupons`, { code: "SAVE10" }, shop.anonymous))
        expect(status).toBe(409)
        expect(body).toMatchObject({ code: "CART_SESSION_NOT_OPEN", message: expect.stringContaining("is converted") })
      })
    })

    describe("add-ons", () => {
      const toggle = (id: string, addOnId: string, selected: boolean) =>
        api.post(`${SESSIONS}/${id}/add-ons`, { add_on_id: addOnId, selected }, shop.anonymous)

      it("are offered for the merchants the session buys from, and only those", async () => {
        const session = await createSession({ items: [{ variant_id: tent.variantId, quantity: 1 }] })
        expect(session.add_ons_offered).toEqual([
          {
            id: wrap.variantId,
            product_id: wrap.productId,
            title: "Gift wrap",
            merchant_id: "acme",
            unit_price: 4.99,
            selected: false,
          },
        ])
        const withGlobex = await addItem(session.id, beans.variantId)
        expect(withGlobex.add_ons_offered.map((addOn: any) => addOn.title).sort()).toEqual(["Gift box", "Gift wrap"])
      })

      it("are selected as a quantity-1 line in their merchant's bag, and deselected", async () => {
        const session = await createSession({
          items: [
            { variant_id: tent.variantId, quantity: 1 },
            { variant_id: beans.variantId, quantity: 1 },
          ],
        })
        const selected = (await toggle(session.id, wrap.variantId, true)).data.cart_session
        const acme = selected.bags.find((bag: any) => bag.merchant_id === "acme")
        expect(acme.items.map((line: any) => [line.title, line.quantity, line.is_add_on])).toEqual([
          ["Trail tent", 1, false],
          ["Gift wrap", 1, true],
        ])
        expect(acme.subtotal).toBe(304.96)
        expect(selected.add_ons_offered.find((addOn: any) => addOn.id === wrap.variantId).selected).toBe(true)

        const again = (await toggle(session.id, wrap.variantId, true)).data.cart_session
        expect(again.version).toBe(selected.version)
        expect(lineOf(again, wrap.variantId).quantity).toBe(1)

        const deselected = (await toggle(session.id, wrap.variantId, false)).data.cart_session
        expect(lineOf(deselected, wrap.variantId)).toBeUndefined()
        expect(deselected.version).toBe(selected.version + 1)
      })

      it("of a merchant not in the session, or products that are no add-ons, are refused with 400 ADD_ON_NOT_AVAILABLE", async () => {
        const session = await createSession({ items: [{ variant_id: tent.variantId, quantity: 1 }] })
        for (const addOnId of [giftBox.variantId, mug.variantId]) {
          const { status, body } = await refused(toggle(session.id, addOnId, true))
          expect(status).toBe(400)
          expect(body).toMatchObject({ type: "invalid_data", code: "ADD_ON_NOT_AVAILABLE", message: expect.stringContaining(addOnId) })
        }
        expect(await getSession(session.id)).toEqual(session)
      })

      it("go with the last item of their merchant", async () => {
        const session = await createSession({
          items: [
            { variant_id: tent.variantId, quantity: 1 },
            { variant_id: mug.variantId, quantity: 1 },
            { variant_id: beans.variantId, quantity: 1 },
          ],
        })
        const withWrap = (await toggle(session.id, wrap.variantId, true)).data.cart_session
        const afterTent = (await api.delete(`${SESSIONS}/${session.id}/line-items/${lineOf(withWrap, tent.variantId).id}`, shop.anonymous)).data.cart_session
        expect(lineOf(afterTent, wrap.variantId)).toBeDefined()

        const afterMug = (await api.delete(`${SESSIONS}/${session.id}/line-items/${lineOf(withWrap, mug.variantId).id}`, shop.anonymous)).data.cart_session
        expect(lineOf(afterMug, wrap.variantId)).toBeUndefined()
        expect(afterMug.bags.map((bag: any) => bag.merchant_id)).toEqual(["globex"])
        expect(afterMug.add_ons_offered.map((addOn: any) => addOn.id)).toEqual([giftBox.variantId])
      })
    })
  },
})
