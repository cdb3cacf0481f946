import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { storeWithHooksDirectory } from "../helpers/host"
import { createShippingStore, ShippingStore, shippingShopper } from "../helpers/shipping-store"
import { PAYMENT_REFRESHES } from "../hosts/store-with-hooks/src/lib/storefront-pricing"

// Per-bag shipping (docs/shipping-and-tax.md) in a store with its own handler of
// refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection, which counts each cart's payment
// refreshes and calls the plugin's refreshCartBeforePayment (integration-tests/hosts/store-with-hooks):
// after the host re-prices a converted cart's methods on the whole cart, each gets its bag's price back.

jest.setTimeout(240_000)

const cents = (amount: number) => Math.round(amount * 100)

medusaIntegrationTestRunner({
  cwd: storeWithHooksDirectory,
  testSuite: ({ api, getContainer }) => {
    let store: ShippingStore

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      // This store has no per-item fulfillment provider: flat and free-over options only.
      store = await createShippingStore(getContainer(), { calculated: false })
    })

    const { post, setAddress, setMethod, sessionOfThree, completeCart } = shippingShopper(api, getContainer, () => store)
    const hostCart = async (cartId: string) =>
      getContainer()
        .resolve(Modules.CART)
        .retrieveCart(cartId, { relations: ["shipping_methods"], select: ["id", "metadata", "shipping_methods.*"] })
    const methodAmounts = (methods: any[]) =>
      Object.fromEntries(methods.map((method: any) => [method.metadata.merchant_id, cents(Number(method.amount))]))

    it("runs the store's handler and the plugin's in one refresh: each bag keeps its own shipping price into the order", async () => {
      await getContainer().resolve<CouponModuleService>(COUPON_MODULE).createCoupons([
        { code: "SAVE10", value_type: "percentage", value: 10 },
      ] as any)
      const { acme, bolt, cobalt } = store.merchants
      const session = await sessionOfThree("usd")
      await setAddress(session.id, "usd")
      await setMethod(session.id, "acme", acme.options.flat.id)
      // Bolt's bag alone is under 50: its free-over option costs 8.88, though the whole session is over 50.
      await setMethod(session.id, "bolt", bolt.options.freeOver.id)
      await setMethod(session.id, "cobalt", cobalt.options.flat.id)
      const priced = await post(`${session.id}/coupons`, { code: "SAVE10" })
      expect(priced.subtotal).toBeGreaterThan(bolt.options.freeOver.freeFrom.usd)
      const bagPrices = Object.fromEntries(priced.bags.map((bag: any) => [bag.merchant_id, cents(bag.shipping_total)]))
      expect(bagPrices).toEqual({ acme: 499, bolt: 888, cobalt: 333 })

      const cartId = (await post(`${session.id}/convert`)).converted_cart_id
      const converted = await hostCart(cartId)
      const refreshesAtConvert = Number(converted.metadata?.[PAYMENT_REFRESHES] ?? 0)
      expect(methodAmounts(converted.shipping_methods!)).toEqual(bagPrices)

      // The host prices bolt's free-over on the whole cart (free) in this refresh; both handlers run in it.
      await api.post(`/store/carts/${cartId}`, { email: "again@example.com" }, store.anonymous)
      const refreshed = await hostCart(cartId)
      expect(Number(refreshed.metadata?.[PAYMENT_REFRESHES])).toBe(refreshesAtConvert + 1)
      expect(methodAmounts(refreshed.shipping_methods!)).toEqual(bagPrices)

      const order = await completeCart(cartId)
      expect(methodAmounts(order.shipping_methods)).toEqual(bagPrices)
      expect(cents(order.total)).toBe(cents(priced.total))
    })
  },
})
