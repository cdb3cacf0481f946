import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { CheckoutSetup, completeHostCart, createCheckoutSetup } from "../helpers/checkout"
import { hostDirectory } from "../helpers/host"
import { refused } from "../helpers/http"
import {
  CART_SESSIONS as SESSIONS,
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  Storefront,
} from "../helpers/store"
import { eventually } from "../helpers/wait"

jest.setTimeout(180_000)

const PROVIDER = "checkout-discounts"
const CART_FIELDS =
  "id,total,subtotal,discount_total,item_total,*items,*items.adjustments,customer_id,email,region_id,sales_channel_id,currency_code"

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let checkout: CheckoutSetup
    let tent: CreatedProduct
    let mug: CreatedProduct
    let lamp: CreatedProduct

    beforeEach(async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd"], countries: { usd: ["us"] } })
      checkout = await createCheckoutSetup(container, shop)
      ;[tent, mug, lamp] = await createProducts(
        container,
        [
          { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 } },
          { title: "Camp mug", merchant: "acme", prices: { usd: 24.99 } },
          { title: "Head lamp", merchant: "brightco", prices: { usd: 33.33 } },
        ].map((spec) => ({ ...spec, salesChannelIds: [shop.salesChannelId], shippingProfileId: checkout.shippingProfileId }))
      )
      await coupons().createCoupons([
        { code: "SAVE10", value_type: "percentage", value: 10 },
        { code: "ONCE", value_type: "percentage", value: 15, usage_limit: 1 },
      ])
    })

    const coupons = () => getContainer().resolve<CouponModuleService>(COUPON_MODULE)
    const { create: createSession, get: getSession, post } = cartSessionRequests(api, () => shop.anonymous)
    const getCart = async (id: string) =>
      (await api.get(`/store/carts/${id}?fields=${CART_FIELDS}`, shop.anonymous)).data.cart
    /** Minor units of USD, so that sums compare exactly. */
    const cents = (amount: number | string) => Math.round(Number(amount) * 100)

    /** Each cart line's plugin adjustments summed, by variant; and the session's discount by variant. */
    const cartDiscountByVariant = (cart: any) =>
      Object.fromEntries(
        cart.items.map((item: any) => [
          item.variant_id,
          item.adjustments
            .filter((adjustment: any) => adjustment.provider_id === PROVIDER)
            .reduce((sum: number, adjustment: any) => sum + cents(adjustment.amount), 0),
        ])
      )
    const sessionDiscountByVariant = (session: any) =>
      Object.fromEntries(
        session.bags.flatMap((bag: any) => bag.items.map((line: any) => [line.variant_id, cents(line.discount_total)]))
      )

    const threeLineSession = () =>
      createSession({
        items: [
          { variant_id: tent.variantId, quantity: 1 },
          { variant_id: mug.variantId, quantity: 3 },
          { variant_id: lamp.variantId, quantity: 2 },
        ],
        discounts: [{ code: "SAVE10" }],
        email: "shopper@example.com",
      })

    describe("POST /store/cart-sessions/:id/convert", () => {
      it("makes a host cart with the session's lines, buyer and market, and its discounts line by line to the cent", async () => {
        const session = await threeLineSession()
        const converted = await post(`${session.id}/convert`, { version: session.version })
        expect(converted).toMatchObject({ status: "converted", version: session.version + 1 })
        expect(converted.converted_cart_id).toMatch(/^cart_/)

        const cart = await getCart(converted.converted_cart_id)
        expect(cart).toMatchObject({
          region_id: session.region_id,
          sales_channel_id: shop.salesChannelId,
          currency_code: "usd",
          email: "shopper@example.com",
        })
        expect(cart.items.map((item: any) => [item.variant_id, item.quantity]).sort()).toEqual(
          [
            [tent.variantId, 1],
            [mug.variantId, 3],
            [lamp.variantId, 2],
          ].sort()
        )
        expect(cartDiscountByVariant(cart)).toEqual(sessionDiscountByVariant(converted))
        expect(cents(cart.discount_total)).toBe(cents(converted.discount_total))
        expect(cents(cart.item_total)).toBe(cents(converted.total))
        for (const item of cart.items) {
          for (const adjustment of item.adjustments) {
            expect(adjustment).toMatchObject({ code: null, promotion_id: null, provider_id: PROVIDER, description: "Code SAVE10" })
          }
        }
      })

      it("completes into an order whose discount_total and line adjustments equal the session's", async () => {
        const session = await threeLineSession()
        const converted = await post(`${session.id}/convert`)
        const { data } = await completeHostCart(api, converted.converted_cart_id, shop.anonymous, checkout)
        expect(data.type).toBe("order")
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const {
          data: [order],
        } = await query.graph({
          entity: "order",
          fields: ["id", "discount_total", "items.variant_id", "items.adjustments.amount", "items.adjustments.provider_id"],
          filters: { id: data.order.id },
        })
        expect(cents(order.discount_total)).toBe(cents(converted.discount_total))
        expect(cartDiscountByVariant(order)).toEqual(sessionDiscountByVariant(converted))
      })
    })
  },
})
