import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { completeHostCart } from "../helpers/checkout"
import { storeWithHooksDirectory } from "../helpers/host"
import { refused } from "../helpers/http"
import { CART_SESSIONS as SESSIONS, createProducts } from "../helpers/store"
import { cartSessionConvertSuite, ConvertFixture } from "../suites/cart-session-convert"

jest.setTimeout(180_000)

// A store with its own handlers of completeCartWorkflow.hooks.validate and
// refreshCartItemsWorkflow.hooks.setPricingContext (they call the plugin's, as
// the README shows) and its own cart pricing context ({ storefront: "web" },
// integration-tests/hosts/store-with-hooks): every convert test of the plain
// host, then the store's own.
medusaIntegrationTestRunner({
  cwd: storeWithHooksDirectory,
  testSuite: (runner) => cartSessionConvertSuite(runner, (fixture) => storeWithHooksTests(runner.api, runner.getContainer, fixture)),
})

function storeWithHooksTests(api: any, getContainer: () => any, f: ConvertFixture) {
  const unitPrices = (view: any) =>
    Object.fromEntries(view.bags.flatMap((bag: any) => bag.items.map((line: any) => [line.variant_id, f.cents(line.unit_price)])))
  const cartUnitPrices = (cart: any) => Object.fromEntries(cart.items.map((item: any) => [item.variant_id, f.cents(item.unit_price)]))

  /** Boots that cost 30.00, and 20.00 on the store's web storefront (a price list with the rule storefront = web). */
  const webPricedBoots = async () => {
    const [boots] = await createProducts(getContainer(), [
      { title: "Ranger boots", merchant: "acme", prices: { usd: 30 }, salesChannelIds: [f.shop.salesChannelId], shippingProfileId: f.checkout.shippingProfileId },
    ])
    await api.post(
      "/admin/price-lists",
      {
        title: "Web storefront",
        description: "Prices of the web storefront",
        type: "override",
        status: "active",
        rules: { storefront: ["web"] },
        prices: [{ variant_id: boots.variantId, currency_code: "usd", amount: 20 }],
      },
      f.admin
    )
    return boots
  }

  describe("a store with its own handlers of the plugin's hooks", () => {
    it("runs the store's validate, which holds a cart back, and then the plugin's, which claims the seat as the cart completes", async () => {
      const session = await f.createSession({ items: [{ variant_id: f.products.mug.variantId, quantity: 2 }], discounts: [{ code: "ONCE" }] })
      const cartId = (await f.post(`${session.id}/convert`)).converted_cart_id
      await api.post(`/store/carts/${cartId}`, { metadata: { hold_for_review: true } }, f.shop.anonymous)

      const held = await refused(completeHostCart(api, cartId, f.shop.anonymous, f.checkout))
      expect(held.status).toBe(400)
      expect(held.body).toMatchObject({ type: "not_allowed", message: `Cart ${cartId} is held for review by the store` })
      expect(await f.coupons().listCouponRedemptions({ cart_id: cartId })).toEqual([
        expect.objectContaining({ claimed_at: null, order_id: null }),
      ])

      await api.post(`/store/carts/${cartId}`, { metadata: { hold_for_review: false } }, f.shop.anonymous)
      const { data } = await completeHostCart(api, cartId, f.shop.anonymous, f.checkout)
      expect(data.type).toBe("order")
      expect(f.cents(data.order.discount_total)).toBe(f.cents(session.discount_total))
      await f.until(async () => expect((await f.seatsOf("ONCE"))[0].order_id).toBe(data.order.id))
    })

    it("prices sessions with the store's context through the pricingContext option: the session's price is its cart's, and it converts at once", async () => {
      const boots = await webPricedBoots()
      const session = await f.createSession({ items: [{ variant_id: boots.variantId, quantity: 2 }], discounts: [{ code: "SAVE10" }] })
      expect(unitPrices(session)).toEqual({ [boots.variantId]: 2000 })

      const converted = await f.post(`${session.id}/convert`, { version: session.version })
      expect(converted.version).toBe(session.version + 1)
      const cart = await f.getCart(converted.converted_cart_id)
      expect(cartUnitPrices(cart)).toEqual(unitPrices(converted))
      expect(f.cartDiscountByVariant(cart)).toEqual({ [boots.variantId]: 400 })
      expect(f.cents(cart.item_total)).toBe(f.cents(converted.total))
    })

    it("keeps the store's prices and the session's discounts through a refresh that prices the cart again (the store's setPricingContext)", async () => {
      const boots = await webPricedBoots()
      const converted = await f.post(
        `${(await f.createSession({ items: [{ variant_id: boots.variantId, quantity: 1 }], discounts: [{ code: "SAVE10" }] })).id}/convert`
      )
      const cartId = converted.converted_cart_id
      // A shipping address that matters for tax makes the host price every line again (force_refresh).
      await api.post(
        `/store/carts/${cartId}`,
        { shipping_address: { first_name: "Ann", last_name: "Lee", address_1: "1 Main st", city: "Boston", country_code: "us", postal_code: "02110" } },
        f.shop.anonymous
      )
      const cart = await f.getCart(cartId)
      expect(cartUnitPrices(cart)).toEqual({ [boots.variantId]: 2000 })
      expect(f.cartDiscountByVariant(cart)).toEqual(f.sessionDiscountByVariant(converted))
      expect(f.dropped).toEqual([])
    })

    describe("without the pricingContext option (sessions priced without the store's context)", () => {
      beforeEach(() => {
        process.env.SESSIONS_WITHOUT_STORE_PRICING = "true"
      })
      afterEach(() => {
        delete process.env.SESSIONS_WITHOUT_STORE_PRICING
      })

      it("refuses the convert once with the cart's prices saved on the session (409 CART_SESSION_PRICES_CHANGED), and the next convert passes", async () => {
        const boots = await webPricedBoots()
        const session = await f.createSession({
          items: [
            { variant_id: boots.variantId, quantity: 1 },
            { variant_id: f.products.mug.variantId, quantity: 1 },
          ],
          discounts: [{ code: "SAVE10" }],
        })
        expect(unitPrices(session)).toEqual({ [boots.variantId]: 3000, [f.products.mug.variantId]: 2499 })

        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/convert`, { version: session.version }, f.shop.anonymous))
        expect(status).toBe(409)
        expect(body).toMatchObject({
          code: "CART_SESSION_PRICES_CHANGED",
          message: expect.stringContaining('"Ranger boots" costs 20.00 USD there, not 30.00 USD'),
        })
        const seen = await f.getSession(session.id)
        expect(seen).toMatchObject({ status: "open", version: session.version + 1, converted_cart_id: null })
        expect(unitPrices(seen)).toEqual({ [boots.variantId]: 2000, [f.products.mug.variantId]: 2499 })
        expect(f.cents(seen.discount_total)).toBe(449) // SAVE10 on 44.99 now (it was 5.49 on 54.99)
        // The cart that answered is gone with the convert, and so are the seats it took.
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        expect((await query.graph({ entity: "cart", fields: ["id"] })).data).toEqual([])
        expect(await f.seatsOf("SAVE10")).toEqual([])

        // Priced again (the re-pricing job, POST …/price) the session keeps the cart's price.
        const repriced = await f.post(`${session.id}/price`, {})
        expect(unitPrices(repriced)).toEqual(unitPrices(seen))

        const converted = await f.post(`${session.id}/convert`, { version: repriced.version })
        expect(converted.status).toBe("converted")
        const cart = await f.getCart(converted.converted_cart_id)
        expect(cartUnitPrices(cart)).toEqual(unitPrices(converted))
        expect(f.cartDiscountByVariant(cart)).toEqual(f.sessionDiscountByVariant(converted))
        expect(f.cents(cart.discount_total)).toBe(f.cents(converted.discount_total))
        const { data } = await completeHostCart(api, cart.id, f.shop.anonymous, f.checkout)
        expect(f.cents(data.order.discount_total)).toBe(f.cents(converted.discount_total))
        expect(f.cents(data.order.item_total)).toBe(f.cents(converted.total))
      })
    })
  })
}
