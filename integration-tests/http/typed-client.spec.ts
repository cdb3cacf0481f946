import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Medusa from "@medusajs/js-sdk"
import {
  checkoutDiscounts,
  CheckoutDiscountsError,
  type CheckoutDiscountsClient,
  type CheckoutDiscountsErrorCode,
} from "../../src/client"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { createAdminUser } from "../helpers/admin"
import { payAndComplete } from "../helpers/checkout"
import { hostDirectory } from "../helpers/host"
import { createShippingStore, ShippingStore } from "../helpers/shipping-store"
import { createProducts, CreatedProduct } from "../helpers/store"

jest.setTimeout(120_000)

/** What a call threw, which must be the client's error. */
async function refusal(call: Promise<unknown>): Promise<CheckoutDiscountsError> {
  const error = await call.then(
    (answer) => new Error(`answered, not refused: ${JSON.stringify(answer).slice(0, 300)}`),
    (thrown) => thrown
  )
  if (!(error instanceof CheckoutDiscountsError)) throw error
  return error
}

/** A refusal carrying the plugin's machine code, its status and the body as answered. */
async function refusedWith(call: Promise<unknown>, status: number, code: CheckoutDiscountsErrorCode) {
  const error = await refusal(call)
  expect({ status: error.status, code: error.code }).toEqual({ status, code })
  expect(error.body).toEqual({ type: error.type, code, message: error.message })
  return error
}

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: ShippingStore
    let giftWrap: CreatedProduct
    let keys: string[]
    let store: CheckoutDiscountsClient
    let admin: CheckoutDiscountsClient
    let storeSdk: Medusa

    let adminToken: string
    // The store is made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      shop = await createShippingStore(container)
      ;[giftWrap] = await createProducts(container, [
        {
          title: "Acme gift wrap",
          merchant: "acme",
          addOn: true,
          prices: { usd: 2.5 },
          salesChannelIds: [shop.salesChannelId],
          shippingProfileId: shop.merchants.acme.shippingProfileId,
        },
      ])
      await container.resolve<CouponModuleService>(COUPON_MODULE).createCoupons([
        { code: "SAVE10", value_type: "percentage", value: 10 },
        { code: "ACME5", merchant_id: "acme", value_type: "fixed", value: 5, currency_code: "usd" },
      ])
      adminToken = (await createAdminUser(container)).headers.authorization.replace(/^Bearer /, "")
    })

    beforeEach(async () => {
      const baseUrl = api.defaults.baseURL as string
      keys = []
      // The storefront's sdk, as a storefront makes it; every key the client makes is recorded.
      storeSdk = new Medusa({ baseUrl, publishableKey: shop.publishableKey })
      store = checkoutDiscounts(storeSdk, {
        idempotencyKey: () => {
          keys.push(`test-key-${keys.length + 1}-${Date.now()}`)
          return keys[keys.length - 1]
        },
      })
      // The admin's sdk with its JWT in memory, set as after a login.
      const adminSdk = new Medusa({ baseUrl, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
      await adminSdk.client.setToken(adminToken)
      admin = checkoutDiscounts(adminSdk)
    })

    const acme = () => shop.merchants.acme
    const bolt = () => shop.merchants.bolt
    const variantOf = (title: string) => shop.products.find((product) => product.title === title)!.variantId

    describe("the store's cart-session calls", () => {
      it("take a session from two merchants' lines, codes and shipping to a converted, completed order", async () => {
        const sessions = store.store.cartSessions
        let { cart_session: session } = await sessions.create({
          items: [{ variant_id: variantOf("Acme lamp"), quantity: 1 }],
        })
        expect(session).toMatchObject({ status: "open", currency_code: "usd", version: 1, subtotal: 34.11 })

        session = (await sessions.addLine(session.id, { variant_id: variantOf("Bolt kettle"), quantity: 1, version: session.version }))
          .cart_session
        expect(session.bags.map((bag) => bag.merchant_id)).toEqual(["acme", "bolt"])
        const kettle = session.bags[1].items[0]
        session = (await sessions.updateLine(session.id, kettle.id, { quantity: 3 })).cart_session
        expect(session.bags[1].items[0]).toMatchObject({ quantity: 3, subtotal: 65.97 })

        // A line added and removed again.
        session = (await sessions.addLine(session.id, { variant_id: variantOf("Acme bulb"), quantity: 2 })).cart_session
        const bulb = session.bags[0].items.find((line) => line.title === "Acme bulb")!
        session = (await sessions.removeLine(session.id, bulb.id, { version: session.version })).cart_session
        expect(session.bags[0].items.map((line) => line.title)).toEqual(["Acme lamp"])

        // The add-on acme offers, selected and deselected.
        expect(session.add_ons_offered).toEqual([expect.objectContaining({ id: giftWrap.variantId, merchant_id: "acme", selected: false })])
        session = (await sessions.setAddOn(session.id, { add_on_id: giftWrap.variantId, selected: true })).cart_session
        expect(session.bags[0].items.map((line) => [line.title, line.is_add_on])).toEqual([
          ["Acme lamp", false],
          ["Acme gift wrap", true],
        ])
        session = (await sessions.setAddOn(session.id, { add_on_id: giftWrap.variantId, selected: false })).cart_session
        expect(session.add_ons_offered[0].selected).toBe(false)

        // A preview changes nothing, not even the version.
        const { preview, cart_session: unchanged } = await sessions.validateCode(session.id, { code: "ACME5" })
        expect(preview).toEqual({ code: "ACME5", merchant_id: "acme", status: "APPLIED", saving: 5, message: expect.any(String) })
        expect(unchanged.version).toBe(session.version)
        expect(unchanged.discounts).toEqual([])

        // A merchant's code and a store-wide one, each with its status and message.
        session = (await sessions.addCode(session.id, { code: "ACME5" })).cart_session
        session = (await sessions.addCode(session.id, { code: "SAVE10", version: session.version })).cart_session
        expect(session.discounts.map((discount) => [discount.code, discount.status])).toEqual([
          ["ACME5", "APPLIED"],
          ["SAVE10", "APPLIED"],
        ])
        expect(session.discounts.every((discount) => typeof discount.message === "string")).toBe(true)
        expect(session.bags[0].discount_total).toBeGreaterThan(5)

        // The primary code set and cleared, a code and a discount removed, then both added back.
        session = (await sessions.setPrimaryCode(session.id, { code: "SAVE10" })).cart_session
        expect(session.discounts.find((discount) => discount.code === "SAVE10")!.is_primary).toBe(true)
        session = (await sessions.setPrimaryCode(session.id, { code: null })).cart_session
        expect(session.discounts.map((discount) => discount.code)).toEqual(["ACME5"])
        session = (await sessions.removeCode(session.id, "acme5")).cart_session
        expect(session.discounts).toEqual([])
        session = (await sessions.addCode(session.id, { code: "SAVE10" })).cart_session
        session = (await sessions.removeDiscount(session.id, session.discounts[0].id, { version: session.version })).cart_session
        expect(session.discounts).toEqual([])
        session = (await sessions.addCode(session.id, { code: "ACME5", merchant_id: "acme" })).cart_session
        session = (await sessions.addCode(session.id, { code: "SAVE10" })).cart_session

        // The address, then per bag the options offered and a method chosen.
        session = (
          await sessions.update(session.id, { email: "shopper@example.com", shipping_address: { country_code: "us", city: "Austin" } })
        ).cart_session
        expect(session).toMatchObject({ email: "shopper@example.com", shipping_address: { country_code: "us", city: "Austin" } })
        const { bags } = await sessions.listShippingOptions(session.id)
        expect(bags.map((bag) => bag.merchant_id)).toEqual(["acme", "bolt"])
        expect(bags[0].shipping_options.map((option) => option.id)).toContain(acme().options.flat.id)
        session = (await sessions.setShippingMethod(session.id, { merchant_id: "acme", option_id: acme().options.flat.id })).cart_session
        session = (await sessions.setShippingMethod(session.id, { merchant_id: "bolt", option_id: bolt().options.flat.id })).cart_session
        expect(session.bags.map((bag) => bag.shipping_method?.option_id)).toEqual([acme().options.flat.id, bolt().options.flat.id])
        expect(session.bags.map((bag) => bag.shipping_total)).toEqual([4.99, 6.49])
        expect((await sessions.listShippingOptions(session.id)).bags[0].shipping_options.find((option) => option.selected)!.id).toBe(
          acme().options.flat.id
        )

        session = (await sessions.price(session.id, { version: session.version })).cart_session
        expect(session.priced).toBe(true)
        expect((await sessions.retrieve(session.id)).cart_session).toEqual(session)

        const { cart_session: converted } = await sessions.convert(session.id, { version: session.version })
        expect(converted).toMatchObject({ status: "converted", converted_cart_id: expect.stringMatching(/^cart_/) })

        // The host cart is paid with the system provider and completed through the same sdk.
        const cartId = converted.converted_cart_id!
        const { cart } = await storeSdk.store.cart.retrieve(cartId)
        // The host keeps its totals unrounded (docs/host-facts.md); to the cent they are the session's.
        expect(cart.total).toBeCloseTo(session.total, 2)
        const { completed, paymentAmount } = await payAndComplete(api, cartId, { headers: { "x-publishable-api-key": shop.publishableKey } })
        expect(paymentAmount).toBeCloseTo(session.total, 2)
        expect(completed.data).toMatchObject({ type: "order", order: { id: expect.stringMatching(/^order_/) } })
        expect(completed.data.order.total).toBeCloseTo(session.total, 2)
      })

      it("sends every change with an Idempotency-Key of its own; the same key and body replays, another body is refused", async () => {
        const sessions = store.store.cartSessions
        const { cart_session: created } = await sessions.create({})
        const { cart_session: added } = await sessions.addLine(created.id, { variant_id: variantOf("Acme lamp"), quantity: 1 })
        expect(keys).toHaveLength(2)
        expect(new Set(keys).size).toBe(2)

        // The same call again with the key the client made: answered as the first time, not applied again.
        const { cart_session: replayed } = await sessions.addLine(
          created.id,
          { variant_id: variantOf("Acme lamp"), quantity: 1 },
          { idempotencyKey: keys[1] }
        )
        expect(replayed).toEqual(added)
        expect((await sessions.retrieve(created.id)).cart_session.bags[0].items[0].quantity).toBe(1)

        const reused = await refusedWith(
          sessions.addLine(created.id, { variant_id: variantOf("Acme lamp"), quantity: 2 }, { idempotencyKey: keys[1] }),
          409,
          "IDEMPOTENCY_KEY_REUSED"
        )
        expect(reused.idempotencyKey).toBe(keys[1])

        // Reads carry no key.
        await sessions.retrieve(created.id)
        await sessions.listShippingOptions(created.id)
        expect(keys).toHaveLength(2)

        // A key given is used as is, and a second client with the default keys makes UUIDs.
        const defaults = checkoutDiscounts(storeSdk).store.cartSessions
        const first = await defaults.addLine(created.id, { variant_id: variantOf("Acme bulb"), quantity: 1 }, { idempotencyKey: "my-key-1" })
        const again = await defaults.addLine(created.id, { variant_id: variantOf("Acme bulb"), quantity: 1 }, { idempotencyKey: "my-key-1" })
        expect(again).toEqual(first)
        const error = await refusedWith(defaults.addLine(created.id, { variant_id: "variant_missing", quantity: 1 }), 400, "VARIANT_NOT_FOUND")
        expect(error.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      })

      it("throws errors that keep the plugin's machine code, status and body", async () => {
        const sessions = store.store.cartSessions
        const { cart_session: session } = await sessions.create({ items: [{ variant_id: variantOf("Acme lamp"), quantity: 1 }] })

        const invalid = await refusedWith(sessions.addCode(session.id, { code: "NOT A CODE!" }), 400, "COUPON_CODE_INVALID_FORMAT")
        expect(invalid).toMatchObject({ type: "invalid_data", method: "POST", path: `/store/cart-sessions/${session.id}/coupons` })
        expect(invalid.message).toContain("NOT A CODE!")
        await refusedWith(sessions.validateCode(session.id, { code: "NOT A CODE!" }), 400, "COUPON_CODE_INVALID_FORMAT")
        await refusedWith(sessions.retrieve("csess_missing"), 404, "CART_SESSION_NOT_FOUND")
        await refusedWith(sessions.addLine(session.id, { variant_id: variantOf("Acme bulb"), quantity: 1, version: 99 }), 409, "VERSION_CONFLICT")
        await refusedWith(sessions.updateLine(session.id, "line_missing", { quantity: 2 }), 404, "CART_SESSION_LINE_ITEM_NOT_FOUND")
        await sessions.update(session.id, { shipping_address: { country_code: "us" } })
        await refusedWith(
          sessions.setShippingMethod(session.id, { merchant_id: "acme", option_id: bolt().options.flat.id }),
          400,
          "SHIPPING_OPTION_INVALID"
        )
        await refusedWith(sessions.update(session.id, { shipping_address: { country_code: "jp" } }), 400, "SHIPPING_ADDRESS_INVALID")
        const { cart_session: converted } = await sessions.convert(session.id)
        await refusedWith(sessions.addCode(converted.id, { code: "SAVE10" }), 409, "CART_SESSION_NOT_OPEN")

        // The host's own refusals have no plugin code; their type says what they are.
        const validation = await refusal(sessions.addLine(session.id, { variant_id: variantOf("Acme bulb"), quantity: "2" as any }))
        expect(validation).toMatchObject({ status: 400, code: null, type: "invalid_data" })
        const keyless = checkoutDiscounts(new Medusa({ baseUrl: api.defaults.baseURL as string }))
        expect(await refusal(keyless.store.cartSessions.create({}))).toMatchObject({ status: 400, code: null, type: "not_allowed" })
        const anonymousAdmin = checkoutDiscounts(new Medusa({ baseUrl: api.defaults.baseURL as string }))
        expect(await refusal(anonymousAdmin.admin.coupons.list())).toMatchObject({ status: 401, code: null, message: "Unauthorized" })

        // No answer at all: status 0 and the key to send the same call again.
        const nowhere = checkoutDiscounts(new Medusa({ baseUrl: "http://127.0.0.1:9", publishableKey: shop.publishableKey }))
        const unreachable = await refusal(nowhere.store.cartSessions.create({}))
        expect(unreachable).toMatchObject({ status: 0, code: null, body: null, idempotencyKey: expect.any(String) })
      })
    })

    describe("the admin calls", () => {
      it("create, list, read, change, generate and delete coupons, and list rule attributes and merchants", async () => {
        const coupons = admin.admin.coupons
        const { coupon } = await coupons.create({ code: "SPRING20", value_type: "percentage", value: 20, merchant_id: "acme" })
        expect(coupon).toMatchObject({ code: "SPRING20", value: 20, merchant_id: "acme", usage_count: 0, is_active: true })
        await refusedWith(coupons.create({ code: "spring20", value_type: "percentage", value: 5, merchant_id: "acme" }), 409, "COUPON_CODE_TAKEN")
        await refusedWith(coupons.create({ code: "no spaces", value_type: "percentage", value: 5 }), 400, "COUPON_CODE_INVALID_FORMAT")

        const updated = (await coupons.update(coupon.id, { value: 25, name: "Spring" })).coupon
        expect(updated).toMatchObject({ id: coupon.id, value: 25, name: "Spring" })
        expect((await coupons.retrieve(coupon.id)).coupon).toMatchObject({ value: 25, rules_description: expect.any(Array) })
        expect((await coupons.retrieve(coupon.id, { fields: "id,code" })).coupon).toEqual({ id: coupon.id, code: "SPRING20" })

        const listed = await coupons.list({ q: "spring", merchant_id: ["acme"], is_active: true, limit: 10, order: "-created_at" })
        expect(listed).toMatchObject({ count: 1, limit: 10, offset: 0 })
        expect(listed.coupons.map((row) => row.code)).toEqual(["SPRING20"])

        const generated = await coupons.generate({ prefix: "GIFT-", count: 3, length: 6, value_type: "fixed", value: 5, currency_code: "usd" })
        expect(generated.count).toBe(3)
        expect(generated.coupons.every((row) => /^GIFT-[A-Z0-9]{6}$/.test(row.code))).toBe(true)

        expect(await coupons.delete(coupon.id)).toEqual({ id: coupon.id, object: "coupon", deleted: true })
        await refusedWith(coupons.retrieve(coupon.id), 404, "COUPON_NOT_FOUND")

        const { attributes, count } = await admin.admin.couponRuleAttributes.list()
        expect(count).toBe(attributes.length)
        expect(attributes.map((attribute) => attribute.name)).toContain("customer.groups.id")

        const { merchants } = await admin.admin.merchants.list({ q: "ac" })
        expect(merchants.map((merchant) => merchant.handle)).toEqual(["acme"])
      })

      it("list and read sessions and set and clear their manual discounts", async () => {
        const { cart_session: session } = await store.store.cartSessions.create({
          email: "staff-help@example.com",
          items: [
            { variant_id: variantOf("Acme lamp"), quantity: 1 },
            { variant_id: variantOf("Bolt kettle"), quantity: 1 },
          ],
        })
        await store.store.cartSessions.create({ items: [{ variant_id: variantOf("Acme lamp"), quantity: 1 }], discounts: [{ code: "SAVE10" }] })
        const sessions = admin.admin.cartSessions

        const listed = await sessions.list({
          status: ["open", "expired"],
          q: "staff-help",
          created_at: { $gte: new Date(Date.now() - 60_000).toISOString() },
        })
        expect(listed.count).toBe(1)
        expect(listed.cart_sessions[0]).toMatchObject({ id: session.id, line_count: 2, merchant_count: 2, codes: [] })
        expect((await sessions.list({ has_codes: true })).cart_sessions[0].codes).toEqual([{ code: "SAVE10", status: "APPLIED" }])

        const lineId = session.bags[0].items[0].id
        const { cart_session: discounted } = await sessions.setManualDiscounts(session.id, {
          cart: [{ amount: 2, name: "Goodwill", reason: "Late delivery last time" }],
          items: [{ line_item_id: lineId, amount: 1, name: "Scratch" }],
          version: session.version,
        })
        expect(discounted.manual_discounts.map((discount) => [discount.scope, discount.amount, discount.status])).toEqual([
          ["cart", 2, "APPLIED"],
          ["item", 1, "APPLIED"],
        ])
        expect(discounted.manual_discounts[0].created_by_user).toMatchObject({ email: "admin@checkout-discounts.test" })
        expect((await sessions.retrieve(session.id)).cart_session).toEqual(discounted)
        const withManual = await sessions.list({ has_manual_discounts: true })
        expect(withManual.cart_sessions.map((row) => [row.id, row.manual_discount_count])).toEqual([[session.id, 2]])
        await refusedWith(
          sessions.setManualDiscounts(session.id, { cart: [{ amount: 1_000_000, name: "Too much" }] }),
          400,
          "MANUAL_DISCOUNT_AMOUNT_TOO_HIGH"
        )

        const { cart_session: cleared } = await sessions.clearManualDiscounts(session.id, { version: discounted.version })
        expect(cleared.manual_discounts).toEqual([])
        await refusedWith(sessions.retrieve("csess_missing"), 404, "CART_SESSION_NOT_FOUND")
      })
    })
  },
})
