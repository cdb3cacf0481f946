import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { payAndComplete } from "../helpers/checkout"
import { hostDirectory } from "../helpers/host"
import { createProducts } from "../helpers/store"
import { createShippingStore, SHIPPING_CURRENCIES, ShippingCurrency, ShippingStore } from "../helpers/shipping-store"
import { perItemCalculations } from "../hosts/per-item-fulfillment/service"

// The host's own facts about shipping and tax that the plugin relies on, measured with the host's
// store API on the shipping store (helpers/shipping-store.ts), no cart sessions. Written up in
// docs/host-facts.md ("Shipping and tax, measured"). Amounts are what the host answers: major
// units, never rounded (a float of the host's exact decimal, hence `exactly`).

jest.setTimeout(180_000)

const exactly = (amount: number) => expect.closeTo(amount, 9)
const CART_FIELDS = [
  "*items",
  "*items.tax_lines",
  "*shipping_methods",
  "*shipping_methods.tax_lines",
  "*shipping_methods.adjustments",
].join(",")
type OptionKind = "flat" | "freeOver" | "calculated"

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let store: ShippingStore

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      store = await createShippingStore(getContainer())
    })

    const getCart = async (id: string) => (await api.get(`/store/carts/${id}?fields=${CART_FIELDS}`, store.anonymous)).data.cart
    const listOptions = async (cartId: string) =>
      (await api.get(`/store/shipping-options?cart_id=${cartId}`, store.anonymous)).data.shipping_options
    const refresh = (cartId: string, email: string) => api.post(`/store/carts/${cartId}`, { email }, store.anonymous)
    const addMethod = (cartId: string, optionId: string) =>
      api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: optionId }, store.anonymous)

    /** A host cart of lamp (acme), kettle (bolt) and mug (cobalt) in these quantities, with an address in the region. */
    async function createCart(currency: ShippingCurrency, [lamps, kettles, mugs]: number[], address: Record<string, string> = {}) {
      const { acme, bolt, cobalt } = store.merchants
      const lines = [
        { variant_id: acme.products[0].variantId, quantity: lamps },
        { variant_id: bolt.products[0].variantId, quantity: kettles },
        { variant_id: cobalt.products[0].variantId, quantity: mugs },
      ].filter((line) => line.quantity > 0)
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: store.regionIds[currency],
          email: "shopper@example.com",
          items: lines,
          shipping_address: {
            country_code: store.regions[currency].country,
            first_name: "Ada",
            last_name: "Lovelace",
            address_1: "1 Main street",
            city: "Springfield",
            postal_code: "10001",
            ...address,
          },
        },
        store.anonymous
      )
      return data.cart
    }

    async function complete(cartId: string) {
      const { completed, paymentAmount } = await payAndComplete(api, cartId, store.anonymous)
      expect(completed.data.type).toBe("order")
      return { paymentAmount, order: await readOrder(completed.data.order.id) }
    }

    async function readOrder(id: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const {
        data: [order],
      } = await query.graph({
        entity: "order",
        filters: { id },
        fields: [
          "id",
          "item_total",
          "item_tax_total",
          "shipping_subtotal",
          "shipping_total",
          "shipping_tax_total",
          "shipping_discount_total",
          "tax_total",
          "total",
          "shipping_methods.*",
          "shipping_methods.tax_lines.*",
          "shipping_methods.adjustments.*",
        ],
      })
      // The order module's totals are BigNumbers: as JSON, the numbers the API would answer.
      return JSON.parse(JSON.stringify(order))
    }

    const byName = (methods: any[]) => Object.fromEntries(methods.map((method) => [method.name, method]))

    describe("options of a cart", () => {
      it("lists every merchant's options whatever the cart's lines; prices free-over on the whole cart's item_total, tax included; leaves calculated ones unpriced", async () => {
        // One line per merchant: acme 34.11, bolt 2 × 21.99 = 43.98, cobalt 3 × 7.77 = 23.31. No
        // merchant reaches 50 alone; the cart does (subtotal 101.40, item_total 110.39925).
        const cart = await createCart("usd", [1, 2, 3])
        expect(cart).toMatchObject({ item_subtotal: 101.4, item_total: exactly(110.39925) })
        const amounts = Object.fromEntries((await listOptions(cart.id)).map((option: any) => [option.name, option.amount]))
        expect(amounts).toEqual({
          "acme standard": 4.99,
          "acme free over": 0,
          "acme per item": undefined,
          "bolt standard": 6.49,
          "bolt free over": 0,
          "bolt per item": undefined,
          "cobalt standard": 3.33,
          "cobalt free over": 0,
          "cobalt per item": undefined,
        })
        // Listing does not ask the provider: calculated options come without amount or calculated_price.
        expect(perItemCalculations().filter((calculation) => calculation.cart_id === cart.id)).toEqual([])

        // Subtotal 34.11 + 2 × 7.77 = 49.65 is under 50, item_total 54.0564375 (with 8.875% tax) is not:
        // the `item_total` rule counts tax.
        const underWithoutTax = await createCart("usd", [1, 0, 2])
        expect(underWithoutTax).toMatchObject({ item_subtotal: 49.65, item_total: exactly(54.0564375) })
        const freeOver = (await listOptions(underWithoutTax.id)).filter((option: any) => option.name.endsWith("free over"))
        expect(freeOver.map((option: any) => option.amount)).toEqual([0, 0, 0])

        // One mug only: 7.77 (8.4595875 with tax), so every merchant's free-over option costs its
        // default, and the options of acme and bolt, whose products are not in the cart, are listed too.
        const small = await createCart("usd", [0, 0, 1])
        const smallAmounts = Object.fromEntries((await listOptions(small.id)).map((option: any) => [option.name, option.amount]))
        expect(smallAmounts).toMatchObject({ "acme free over": 9.99, "bolt free over": 8.88, "cobalt free over": 7.01 })
        expect(Object.keys(smallAmounts)).toHaveLength(9)
      })

      it("prices a calculated option with the cart's lines of the option's shipping profile only", async () => {
        const cart = await createCart("usd", [1, 2, 3])
        const { acme, bolt, cobalt } = store.merchants
        const calculate = async (optionId: string) =>
          (await api.post(`/store/shipping-options/${optionId}/calculate`, { cart_id: cart.id }, store.anonymous)).data.shipping_option
        // 2.50 + 1.25 per unit: 1, 2 and 3 units (all 6 would be 10.00).
        expect(await calculate(acme.options.calculated!.id)).toMatchObject({ amount: 3.75, is_tax_inclusive: false })
        expect(await calculate(bolt.options.calculated!.id)).toMatchObject({ amount: 5, is_tax_inclusive: false })
        expect(await calculate(cobalt.options.calculated!.id)).toMatchObject({ amount: 6.25, is_tax_inclusive: false })

        const lineOf = (variantId: string) => cart.items.find((item: any) => item.variant_id === variantId).id
        const seen = perItemCalculations().filter((calculation) => calculation.cart_id === cart.id)
        expect(seen).toEqual([
          { cart_id: cart.id, currency_code: "usd", item_ids: [lineOf(acme.products[0].variantId)], units: 1, amount: 3.75 },
          { cart_id: cart.id, currency_code: "usd", item_ids: [lineOf(bolt.products[0].variantId)], units: 2, amount: 5 },
          { cart_id: cart.id, currency_code: "usd", item_ids: [lineOf(cobalt.products[0].variantId)], units: 3, amount: 6.25 },
        ])
      })
    })

    describe("tax", () => {
      it("takes a province's rate for an address whose province is its ISO 3166-2 code, lower case", async () => {
        const rates = async (province: string) =>
          (await getCart((await createCart("usd", [1, 0, 0], { province })).id)).items[0].tax_lines.map((line: any) => [line.rate, line.code])
        expect(await rates("us-ca")).toEqual([[7.25, "us-ca-default"]])
        // "CA" is not the tax region's code: the country's rate.
        expect(await rates("CA")).toEqual([[8.875, "usd-default"]])
      })

      it("applies a region's tax-inclusive price preference to prices of that region only: a price by currency alone stays tax-exclusive there", async () => {
        const [yenOnly] = await createProducts(getContainer(), [
          { title: "Yen only", prices: { jpy: 1100 }, salesChannelIds: [store.salesChannelId] },
        ])
        const {
          data: { cart },
        } = await api.post(
          "/store/carts",
          { region_id: store.regionIds.jpy, items: [{ variant_id: yenOnly.variantId, quantity: 1 }] },
          store.anonymous
        )
        expect(cart.items[0]).toMatchObject({ unit_price: 1100, is_tax_inclusive: false })
        expect(cart).toMatchObject({ item_subtotal: 1100, tax_total: 110, total: 1210 })
      })
    })

    describe("a host cart of three merchants to its order", () => {
      // One method per merchant (the host keeps one per shipping profile), a different kind in each currency.
      const methods: Record<ShippingCurrency, OptionKind[]> = {
        usd: ["flat", "freeOver", "calculated"],
        jpy: ["calculated", "flat", "freeOver"],
        kwd: ["freeOver", "calculated", "flat"],
      }
      // What the host computes, unrounded: [amount, tax_total, subtotal, total] per method (acme, bolt, cobalt),
      // the items' tax per line, and the cart's totals (which the order and the payment collection repeat).
      const expected: Record<
        ShippingCurrency,
        { methods: number[][]; itemTax: number[]; itemsInclusive: boolean; totals: Record<string, number> }
      > = {
        // 8.875% on top: 34.11 → 3.0272625; 43.98 → 3.903225; 23.31 → 2.0687625. Shipping 4.99 flat,
        // 0 free over (cart item_total 110.39925 ≥ 50), 2.50 + 3 × 1.25 = 6.25 calculated.
        usd: {
          methods: [
            [4.99, 0.4428625, 4.99, 5.4328625],
            [0, 0, 0, 0],
            [6.25, 0.5546875, 6.25, 6.8046875],
          ],
          itemTax: [3.0272625, 3.903225, 2.0687625],
          itemsInclusive: false,
          totals: {
            item_total: 110.39925,
            item_tax_total: 8.99925,
            shipping_subtotal: 11.24,
            shipping_tax_total: 0.99755,
            shipping_total: 12.23755,
            tax_total: 9.9968,
            total: 122.6368,
          },
        },
        // 10% inside the prices: 3411 holds 310.0909…; 4398 holds 399.8181…; 2331 holds 211.9090….
        // Shipping 250 + 125 = 375 calculated (the provider says tax-inclusive) holds 34.0909…, 649 flat
        // (a price of the region) holds 59, free over 0.
        jpy: {
          methods: [
            [375, 375 / 11, 3750 / 11, 375],
            [649, 59, 590, 649],
            [0, 0, 0, 0],
          ],
          itemTax: [3411 / 11, 4398 / 11, 2331 / 11],
          itemsInclusive: true,
          totals: {
            item_total: 10140,
            item_tax_total: 10140 / 11,
            shipping_subtotal: 10240 / 11,
            shipping_tax_total: 1024 / 11,
            shipping_total: 1024,
            tax_total: 11164 / 11,
            total: 11164,
          },
        },
        // 5% on top, three decimals: 3.411 → 0.17055; 4.398 → 0.2199; 2.331 → 0.11655. Shipping free
        // over 0 (item_total 10.647 ≥ 5), 0.25 + 2 × 0.125 = 0.5 calculated, 0.333 flat.
        kwd: {
          methods: [
            [0, 0, 0, 0],
            [0.5, 0.025, 0.5, 0.525],
            [0.333, 0.01665, 0.333, 0.34965],
          ],
          itemTax: [0.17055, 0.2199, 0.11655],
          itemsInclusive: false,
          totals: {
            item_total: 10.647,
            item_tax_total: 0.507,
            shipping_subtotal: 0.833,
            shipping_tax_total: 0.04165,
            shipping_total: 0.87465,
            tax_total: 0.54865,
            total: 11.52165,
          },
        },
      }

      it.each(SHIPPING_CURRENCIES)("%s: tax lines and unrounded tax on items and shipping methods, carried to the order as they are", async (currency) => {
        const { taxRate: rate, taxInclusive } = store.regions[currency]
        const cart = await createCart(currency, [1, 2, 3])
        const merchants = [store.merchants.acme, store.merchants.bolt, store.merchants.cobalt]
        for (const [at, merchant] of merchants.entries()) {
          await addMethod(cart.id, merchant.options[methods[currency][at]]!.id)
        }
        const priced = await getCart(cart.id)
        const want = expected[currency]

        expect(priced.items.map((item: any) => [item.is_tax_inclusive, item.tax_lines.map((line: any) => line.rate), item.tax_total])).toEqual(
          want.itemTax.map((tax) => [want.itemsInclusive, [rate], exactly(tax)])
        )
        const methodFacts = (method: any) => [method.amount, method.tax_total, method.subtotal, method.total].map(exactly)
        expect(priced.shipping_methods).toHaveLength(3)
        const cartMethods = byName(priced.shipping_methods)
        merchants.forEach((merchant, at) => {
          const method = cartMethods[merchant.options[methods[currency][at]]!.name]
          expect(method.tax_lines.map((line: any) => [line.rate, line.code])).toEqual([[rate, `${currency}-default`]])
          expect(method.is_tax_inclusive).toBe(taxInclusive)
          expect(methodFacts(method)).toEqual(want.methods[at].map(exactly))
        })
        const totals = Object.fromEntries(Object.entries(want.totals).map(([name, amount]) => [name, exactly(amount)]))
        expect(priced).toMatchObject(totals)

        const { paymentAmount, order } = await complete(cart.id)
        // The payment collection takes the unrounded total (122.6368 USD, 11.52165 KWD).
        expect(paymentAmount).toEqual(exactly(want.totals.total))
        expect(order).toMatchObject(totals)
        // The order's methods: the cart's amount, name, option, tax lines (rate, code, provider "system"),
        // `data` {} and `metadata` null (nothing set them), no adjustments, `is_custom_amount` false.
        const orderMethods = byName(order.shipping_methods)
        merchants.forEach((merchant, at) => {
          const option = merchant.options[methods[currency][at]]!
          const method = orderMethods[option.name]
          expect(method).toMatchObject({
            shipping_option_id: option.id,
            is_tax_inclusive: taxInclusive,
            is_custom_amount: false,
            data: {},
            metadata: null,
            adjustments: [],
          })
          expect(method.tax_lines.map((line: any) => [line.rate, line.code, line.provider_id])).toEqual([
            [rate, `${currency}-default`, "system"],
          ])
          expect(methodFacts(method)).toEqual(want.methods[at].map(exactly))
        })
      })
    })

    describe("shipping methods written through the cart module", () => {
      it("a method's amount is priced again from its option on the next refresh; a module-added method is kept beside another of the same profile, re-priced, with its data and metadata", async () => {
        const cartModule = getContainer().resolve(Modules.CART)
        const { acme, bolt, cobalt } = store.merchants
        const cart = await createCart("usd", [1, 2, 3])
        for (const merchant of [acme, bolt, cobalt]) {
          await addMethod(cart.id, merchant.options.flat.id)
        }
        const acmeFlat = byName((await getCart(cart.id)).shipping_methods)["acme standard"]

        await cartModule.updateShippingMethods([{ id: acmeFlat.id, amount: 1.23 }])
        expect(byName((await getCart(cart.id)).shipping_methods)["acme standard"]).toMatchObject({ amount: 1.23, total: exactly(1.3391625) })
        await refresh(cart.id, "again@example.com")
        expect(byName((await getCart(cart.id)).shipping_methods)["acme standard"]).toMatchObject({ id: acmeFlat.id, amount: 4.99 })

        // A second method for acme's profile, written by the module (addShippingMethodToCartWorkflow
        // would replace the first): the refresh keeps both and prices the new one from its option
        // (free over: 0), renaming it after the option; its data and metadata stay.
        const [added] = await cartModule.addShippingMethods(cart.id, [
          {
            name: "module method",
            amount: 2.22,
            shipping_option_id: acme.options.freeOver.id,
            data: { via: "module" },
            metadata: { bag: "acme" },
          } as any, // the DTO's type leaves out `metadata`, which the module stores
        ])
        await refresh(cart.id, "third@example.com")
        const refreshed = (await getCart(cart.id)).shipping_methods
        expect(refreshed).toHaveLength(4)
        expect(refreshed.find((method: any) => method.id === added.id)).toMatchObject({
          name: "acme free over",
          amount: 0,
          data: { via: "module" },
          metadata: { bag: "acme" },
        })

        const { order } = await complete(cart.id)
        expect(order.shipping_methods).toHaveLength(4)
        expect(order.shipping_methods.find((method: any) => method.name === "acme free over")).toMatchObject({
          amount: 0,
          data: { via: "module" },
          metadata: { bag: "acme" },
        })
      })

      it("a code-less shipping-method adjustment survives refreshes and reaches the order; one with a code is removed by the next refresh", async () => {
        const cartModule = getContainer().resolve(Modules.CART)
        const { acme, bolt, cobalt } = store.merchants
        const cart = await createCart("usd", [1, 2, 3])
        for (const merchant of [acme, bolt, cobalt]) {
          await addMethod(cart.id, merchant.options.flat.id)
        }
        const methods = byName((await getCart(cart.id)).shipping_methods)
        await cartModule.addShippingMethodAdjustments([
          {
            shipping_method_id: methods["bolt standard"].id,
            amount: 1.5,
            code: null,
            promotion_id: null,
            provider_id: "checkout-discounts",
            description: "bolt shipping discount",
          } as any,
          {
            shipping_method_id: methods["cobalt standard"].id,
            amount: 0.5,
            code: "SHIPCODE",
            provider_id: "checkout-discounts",
            description: "a coded one",
          },
        ])
        const adjustments = async () =>
          Object.fromEntries(
            (await getCart(cart.id)).shipping_methods.map((method: any) => [
              method.name,
              method.adjustments.map((adjustment: any) => [adjustment.amount, adjustment.code, adjustment.provider_id]),
            ])
          )
        expect(await adjustments()).toEqual({
          "acme standard": [],
          "bolt standard": [[1.5, null, "checkout-discounts"]],
          "cobalt standard": [[0.5, "SHIPCODE", "checkout-discounts"]],
        })

        await refresh(cart.id, "again@example.com")
        await addMethod(cart.id, acme.options.calculated!.id)
        expect(await adjustments()).toEqual({
          "acme per item": [],
          "bolt standard": [[1.5, null, "checkout-discounts"]],
          "cobalt standard": [],
        })
        // Tax is on the amount after the adjustment: (6.49 − 1.50) × 1.08875 = 5.4328625; the
        // discount total counts the adjustment with its tax: 1.50 × 1.08875 = 1.633125.
        const boltCartMethod = byName((await getCart(cart.id)).shipping_methods)["bolt standard"]
        expect(boltCartMethod).toMatchObject({ amount: 6.49, discount_total: exactly(1.633125), total: exactly(5.4328625) })

        const { order } = await complete(cart.id)
        const boltMethod = byName(order.shipping_methods)["bolt standard"]
        expect(boltMethod.adjustments).toEqual([
          expect.objectContaining({
            amount: 1.5,
            code: null,
            promotion_id: null,
            provider_id: "checkout-discounts",
            description: "bolt shipping discount",
          }),
        ])
        expect(boltMethod).toMatchObject({ discount_total: exactly(1.633125), total: exactly(5.4328625) })
        expect(order.shipping_discount_total).toEqual(exactly(1.633125))
      })
    })
  },
})
