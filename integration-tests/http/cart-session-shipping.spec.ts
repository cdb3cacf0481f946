import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { deleteShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { CART_SESSIONS as SESSIONS } from "../helpers/store"
import { createShippingStore, SHIPPING_CURRENCIES, ShippingCurrency, ShippingStore, shippingShopper } from "../helpers/shipping-store"

// Shipping and tax per bag (SPEC §8, docs/shipping-and-tax.md) on the shipping store of
// helpers/shipping-store.ts: three merchants (acme, bolt, cobalt) each with a flat, a free-over-50
// and a calculated (2.50 + 1.25 a unit) option on its own shipping profile; USD 8.875% and KWD 5%
// tax-exclusive, JPY 10% tax-inclusive. Each convert completes a real order and compares it with the
// session to the minor unit.

jest.setTimeout(240_000)

const MINOR: Record<ShippingCurrency, number> = { usd: 100, jpy: 1, kwd: 1000 }
const minor = (amount: number, currency: ShippingCurrency) => Math.round(amount * MINOR[currency])

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let store: ShippingStore

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      store = await createShippingStore(getContainer())
    })

    const { create, get, post, setAddress, setMethod, sessionOfThree, completeCart } = shippingShopper(api, getContainer, () => store)
    const options = async (id: string) => (await api.get(`${SESSIONS}/${id}/shipping-options`, store.anonymous)).data.bags

    /** Flat for acme, free-over for bolt, calculated for cobalt. */
    async function chooseMethods(id: string) {
      const { acme, bolt, cobalt } = store.merchants
      await setMethod(id, "acme", acme.options.flat.id)
      await setMethod(id, "bolt", bolt.options.freeOver.id)
      return await setMethod(id, "cobalt", cobalt.options.calculated!.id)
    }

    describe("options and methods", () => {
      it("lists each bag's options priced for the bag alone: free-over counts the bag, calculated counts its units", async () => {
        const session = await sessionOfThree("usd")
        expect((await options(session.id)).map((bag: any) => bag.shipping_options)).toEqual([[], [], []])

        await setAddress(session.id, "usd")
        const bags = await options(session.id)
        expect(bags.map((bag: any) => bag.merchant_id)).toEqual(["acme", "bolt", "cobalt"])
        const amounts = Object.fromEntries(
          bags.map((bag: any) => [bag.merchant_id, Object.fromEntries(bag.shipping_options.map((option: any) => [option.name, option.amount]))])
        )
        // The session's items come to 63.87 (over 50); no bag does: free-over is not free for any.
        expect(amounts).toEqual({
          acme: { "acme standard": 4.99, "acme free over": 9.99, "acme per item": 3.75 },
          bolt: { "bolt standard": 6.49, "bolt free over": 8.88, "bolt per item": 3.75 },
          cobalt: { "cobalt standard": 3.33, "cobalt free over": 7.01, "cobalt per item": 3.75 },
        })

        // Three kettles bring bolt's bag to 65.97 + tax: its free-over option is free now, and only its.
        const big = await sessionOfThree("usd", 3)
        await setAddress(big.id, "usd")
        const bolt = (await options(big.id)).find((bag: any) => bag.merchant_id === "bolt")
        expect(bolt.shipping_options.find((option: any) => option.name === "bolt free over").amount).toBe(0)
        expect(bolt.shipping_options.find((option: any) => option.name === "bolt per item").amount).toBe(6.25)
      })

      it("sets one method a bag, refuses an option not offered to the bag (400 SHIPPING_OPTION_INVALID, nothing changed), and taxes lines and shipping once", async () => {
        const session = await sessionOfThree("usd")
        await setAddress(session.id, "usd")
        const priced = await chooseMethods(session.id)
        expect(priced.bags.map((bag: any) => [bag.merchant_id, bag.shipping_method?.name, bag.shipping_total])).toEqual([
          ["acme", "acme standard", 4.99],
          ["bolt", "bolt free over", 8.88],
          ["cobalt", "cobalt per item", 3.75],
        ])
        // Items 63.87 + shipping 17.62 = 81.49, 8.875% of it is 7.2322375: 7.23 once, shared over bags.
        expect(priced).toMatchObject({ subtotal: 63.87, shipping_total: 17.62, tax_total: 7.23, total: 88.72 })
        const sum = (key: string) => Math.round(priced.bags.reduce((total: number, bag: any) => total + bag[key] * 100, 0))
        expect([sum("tax_total"), sum("total"), sum("shipping_total")]).toEqual([723, 8872, 1762])

        const wrong = await refused(
          api.post(`${SESSIONS}/${session.id}/shipping-methods`, { merchant_id: "acme", option_id: store.merchants.bolt.options.flat.id }, store.anonymous)
        )
        expect(wrong.status).toBe(400)
        expect(wrong.body).toMatchObject({ code: "SHIPPING_OPTION_INVALID" })
        expect(wrong.body.message).toContain("is not offered for the items of merchant acme")
        expect(await get(session.id)).toEqual(priced)

        const outside = await refused(api.post(`${SESSIONS}/${session.id}`, { shipping_address: { country_code: "jp" } }, store.anonymous))
        expect(outside.status).toBe(400)
        expect(outside.body).toMatchObject({ code: "SHIPPING_ADDRESS_INVALID" })
        expect(outside.body.message).toContain("Country jp is not within region")
        expect(await get(session.id)).toEqual(priced)
      })

      it("refuses bad addresses and methods with a 400 naming the field, changing nothing, and replays a retried method", async () => {
        const session = await sessionOfThree("usd")
        const bad = async (path: string, body: Record<string, unknown>) => {
          const { status, body: answer } = await refused(api.post(`${SESSIONS}/${session.id}${path}`, body, store.anonymous))
          return { status, type: answer.type, code: answer.code, message: answer.message }
        }
        // Before an address no option is offered to any bag: choosing one is refused, not ignored.
        expect(await bad("/shipping-methods", { merchant_id: "acme", option_id: store.merchants.acme.options.flat.id })).toEqual({
          status: 400,
          type: "invalid_data",
          code: "SHIPPING_OPTION_INVALID",
          message: `Cart session ${session.id} has no shipping address: set one (shipping_address) before choosing a shipping method for merchant acme`,
        })
        expect(await get(session.id)).toEqual(session)
        const addressed = await setAddress(session.id, "usd")
        expect(await bad("", { shipping_address: { city: "Springfield" } })).toMatchObject({ status: 400, type: "invalid_data", message: expect.stringContaining("country_code") })
        expect(await bad("", { shipping_address: { country_code: "usa" } })).toMatchObject({ status: 400, message: expect.stringContaining("two-letter country code") })
        expect(await bad("", { email: "not-an-email" })).toMatchObject({ status: 400, message: expect.stringContaining("email") })
        expect(await bad("", { shipping_address: { country_code: "us", planet: "Mars" } })).toMatchObject({ status: 400, message: expect.stringContaining("planet") })
        expect(await bad("/shipping-methods", { merchant_id: "", option_id: "so_1" })).toMatchObject({ status: 400, message: expect.stringContaining("merchant_id") })
        expect(await bad("/shipping-methods", { merchant_id: "acme" })).toMatchObject({ status: 400, message: expect.stringContaining("option_id") })
        expect(await get(session.id)).toEqual(addressed)

        const key = { headers: { ...store.anonymous.headers, "Idempotency-Key": "set-acme-flat-1" } }
        const body = { merchant_id: "acme", option_id: store.merchants.acme.options.flat.id }
        const first = await api.post(`${SESSIONS}/${session.id}/shipping-methods`, body, key)
        const again = await api.post(`${SESSIONS}/${session.id}/shipping-methods`, body, key)
        expect(again.headers["idempotent-replayed"]).toBe("true")
        expect(again.data).toEqual(first.data)
        expect((await get(session.id)).version).toBe(first.data.cart_session.version)
      })

      it("re-prices a bag's method when its lines change, and removes a method once its bag is gone", async () => {
        const session = await sessionOfThree("usd")
        await setAddress(session.id, "usd")
        const priced = await chooseMethods(session.id)
        const boltLine = priced.bags[1].items[0]
        const more = await api.patch(`${SESSIONS}/${session.id}/line-items/${boltLine.id}`, { quantity: 3 }, store.anonymous)
        const bolt = more.data.cart_session.bags[1]
        expect(bolt.shipping_method).toMatchObject({ name: "bolt free over", amount: 0 })
        const cobaltLine = priced.bags[2].items[0]
        const removed = await api.delete(`${SESSIONS}/${session.id}/line-items/${cobaltLine.id}`, store.anonymous)
        expect(removed.data.cart_session.bags.map((bag: any) => bag.merchant_id)).toEqual(["acme", "bolt"])
        expect(removed.data.cart_session.shipping_total).toBe(4.99)
      })
    })

    describe("convert", () => {
      it("refuses once when a bag's method is no longer offered (409 CART_SESSION_SHIPPING_CHANGED), saving the session without it", async () => {
        const session = await sessionOfThree("usd")
        await setAddress(session.id, "usd")
        const priced = await chooseMethods(session.id)
        await deleteShippingOptionsWorkflow(getContainer()).run({ input: { ids: [store.merchants.bolt.options.freeOver.id] } })

        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/convert`, {}, store.anonymous))
        expect(status).toBe(409)
        expect(body.code).toBe("CART_SESSION_SHIPPING_CHANGED")
        expect(body.message).toContain("Shipping method bolt free over for bolt was removed: it is no longer offered")
        const saved = await get(session.id)
        expect(saved.version).toBe(priced.version + 1)
        expect(saved.bags.map((bag: any) => bag.shipping_method?.name ?? null)).toEqual(["acme standard", null, "cobalt per item"])
        expect(saved.shipping_total).toBe(4.99 + 3.75)

        const converted = await post(`${session.id}/convert`)
        expect(converted.status).toBe("converted")
      })

      it("says in a change's answer which bag lost its method, and why", async () => {
        const session = await sessionOfThree("usd")
        await setAddress(session.id, "usd")
        await chooseMethods(session.id)
        await deleteShippingOptionsWorkflow(getContainer()).run({ input: { ids: [store.merchants.acme.options.flat.id] } })
        const changed = await setAddress(session.id, "usd", { city: "Shelbyville" })
        expect(changed.bags[0]).toMatchObject({ shipping_method: null, shipping_total: 0 })
        expect(changed.bags[0].shipping_message).toBe(
          "Shipping method acme standard for acme was removed: it is no longer offered for these items and address"
        )
        expect(changed.messages).toContain(changed.bags[0].shipping_message)
      })

      it.each(SHIPPING_CURRENCIES)("gives the %s order the session's address, one method a bag at the bag's price, its shipping discounts, and the session's totals to the minor unit", async (currency) => {
        await getContainer().resolve<CouponModuleService>(COUPON_MODULE).createCoupons([
          { code: "SAVE10", value_type: "percentage", value: 10 },
          { code: "FREESHIP", value_type: "percentage", value: 100, merchant_id: "acme", target_type: "shipping_methods" },
          { code: "SHIP15", value_type: "percentage", value: 15, target_type: "shipping_methods" },
        ] as any)
        const session = await sessionOfThree(currency)
        await setAddress(session.id, currency)
        await chooseMethods(session.id)
        const priced = await post(`${session.id}/coupons`, { code: "SAVE10" }).then(() =>
          post(`${session.id}/coupons`, { code: "FREESHIP" }).then(() => post(`${session.id}/coupons`, { code: "SHIP15" }))
        )
        expect(priced.discounts.map((discount: any) => [discount.code, discount.status, discount.target_type])).toEqual([
          ["SAVE10", "APPLIED", "items"],
          ["FREESHIP", "APPLIED", "shipping_methods"],
          ["SHIP15", "APPLIED", "shipping_methods"],
        ])
        // acme ships free; SHIP15 takes 15% of what is left: bolt's and cobalt's shipping.
        const [acme, bolt, cobalt] = priced.bags
        expect(acme.shipping_discount_total).toBe(acme.shipping_total)
        const rest = minor(bolt.shipping_total, currency) + minor(cobalt.shipping_total, currency)
        const ship15 = priced.discounts[2]
        expect(minor(ship15.amount_total, currency)).toBe(Math.floor((rest * 15) / 100))
        expect(minor(bolt.shipping_discount_total, currency) + minor(cobalt.shipping_discount_total, currency)).toBe(minor(ship15.amount_total, currency))
        expect(ship15.shipping_allocations.map((share: any) => share.merchant_id)).toEqual(["bolt", "cobalt"])
        expect(priced.tax_total).toBeGreaterThan(0)
        const converted = await post(`${session.id}/convert`)
        const cartId = converted.converted_cart_id

        // A refresh of the host cart re-prices its methods on the whole cart (bolt's free-over would be free):
        // the plugin puts each bag's price back.
        await api.post(`/store/carts/${cartId}`, { email: "again@example.com" }, store.anonymous)
        const order = await completeCart(cartId)

        const methods = Object.fromEntries(order.shipping_methods.map((method: any) => [method.metadata.merchant_id, method]))
        expect(Object.keys(methods).sort()).toEqual(["acme", "bolt", "cobalt"])
        for (const bag of priced.bags) {
          const method = methods[bag.merchant_id]
          expect(minor(method.amount, currency)).toBe(minor(bag.shipping_total, currency))
          expect(method.metadata).toMatchObject({ cart_session_id: session.id, merchant_id: bag.merchant_id })
          // The host takes a method's adjustment before tax; on a tax-inclusive method, tax added back is the bag's discount.
          const rate = method.tax_lines.reduce((sum: number, line: any) => sum + line.rate, 0) / 100
          const adjusted = method.adjustments.reduce((sum: number, adjustment: any) => sum + adjustment.amount, 0)
          expect(minor(adjusted * (method.is_tax_inclusive ? 1 + rate : 1), currency)).toBe(minor(bag.shipping_discount_total, currency))
        }
        expect({
          tax_total: minor(order.tax_total, currency),
          total: minor(order.total, currency),
          // The host's discount_total has the tax on the discounts in it; before tax where prices exclude tax.
          discount_total: minor(store.regions[currency].taxInclusive ? order.discount_total : order.discount_subtotal, currency),
        }).toEqual({
          tax_total: minor(priced.tax_total, currency),
          total: minor(priced.total, currency),
          discount_total: minor(priced.discount_total + priced.shipping_discount_total, currency),
        })
      })
    })
  },
})
