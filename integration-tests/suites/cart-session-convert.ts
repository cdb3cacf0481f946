import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { HeardEvent, listenToEvents } from "../helpers/events"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { CheckoutSetup, completeHostCart, createCheckoutSetup } from "../helpers/checkout"
import { refused } from "../helpers/http"
import {
  CART_SESSIONS as SESSIONS,
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  registerCustomer,
  Storefront,
} from "../helpers/store"
import { eventually } from "../helpers/wait"

const PROVIDER = "checkout-discounts"
const CART_FIELDS =
  "id,total,subtotal,discount_total,item_total,*items,*items.adjustments,customer_id,email,region_id,sales_channel_id,currency_code"

/** What the suite sets up before each test, for a host's own tests to reuse. */
export type ConvertFixture = {
  readonly shop: Storefront
  readonly checkout: CheckoutSetup
  readonly admin: AdminHeaders
  readonly products: { tent: CreatedProduct; mug: CreatedProduct; lamp: CreatedProduct }
  readonly dropped: HeardEvent<{ cart_id: string; reason: string }>[]
  createSession: ReturnType<typeof cartSessionRequests>["create"]
  getSession: ReturnType<typeof cartSessionRequests>["get"]
  post: ReturnType<typeof cartSessionRequests>["post"]
  getCart: (id: string) => Promise<any>
  coupons: () => CouponModuleService
  /** Retries an expectation until it holds (effects of subscribers come after the response). */
  until: (expectation: () => Promise<void>) => Promise<void>
  /** Minor units of USD, so that sums compare exactly. */
  cents: (amount: number | string) => number
  cartDiscountByVariant: (cart: any) => Record<string, number>
  sessionDiscountByVariant: (session: any) => Record<string, number>
  seatsOf: (code: string) => Promise<{ cart_session_id: string | null; cart_id: string | null; order_id: string | null }[]>
  usageOf: (code: string) => Promise<number>
}

/**
 * Convert, coupon seats and the host's refreshes of a converted cart, on the
 * host the calling spec boots: the plain host, where the plugin registers its
 * own hook handlers, or a store whose handlers call the plugin's. `more` adds
 * a host's own tests on the same fixture.
 */
export function cartSessionConvertSuite({ api, getContainer }: MedusaSuiteOptions, more?: (fixture: ConvertFixture) => void) {
  let shop: Storefront
  let checkout: CheckoutSetup
  let tent: CreatedProduct
  let mug: CreatedProduct
  let lamp: CreatedProduct
  let admin: AdminHeaders
  let dropped: HeardEvent<{ cart_id: string; reason: string }>[]

  beforeAll(() => {
    dropped = listenToEvents(getContainer(), ["cart_session.discounts_dropped"])
  })

  beforeEach(() => {
    dropped.length = 0
  })

  // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
  beforeAll(async () => {
    const container = getContainer()
    admin = await createAdminUser(container)
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
      { code: "ACME5", value_type: "fixed", value: 5, currency_code: "usd", merchant_id: "acme" },
    ])
  })

  const coupons = () => getContainer().resolve<CouponModuleService>(COUPON_MODULE)
  /** Retries an expectation until it holds (effects of subscribers come after the response). */
  const until = (expectation: () => Promise<void>) =>
    eventually(
      () => expectation().then(() => null, (error) => error),
      (error) => error === null
    ).catch(async () => await expectation())
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

    it("carries an automatic coupon into the order like a code: its adjustments, its seat become the order's redemption", async () => {
      await coupons().createCoupons({
        code: "AUTOTENTS",
        value_type: "percentage",
        value: 20,
        is_automatic: true,
        target_rules: [{ attribute: "items.product.id", operator: "in", values: [tent.productId] }],
      })
      const session = await threeLineSession()
      expect(session.discounts.map((discount: any) => [discount.code, discount.type, discount.status])).toEqual([
        ["SAVE10", "CODE", "APPLIED"],
        ["AUTOTENTS", "AUTOMATIC", "APPLIED"],
      ])
      const converted = await post(`${session.id}/convert`)
      const cart = await getCart(converted.converted_cart_id)
      expect(cartDiscountByVariant(cart)).toEqual(sessionDiscountByVariant(converted))
      const tentLine = cart.items.find((item: any) => item.variant_id === tent.variantId)
      expect(tentLine.adjustments.map((adjustment: any) => adjustment.description).sort()).toEqual([
        "Automatic discount AUTOTENTS",
        "Code SAVE10",
      ])

      const { data } = await completeHostCart(api, converted.converted_cart_id, shop.anonymous, checkout)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const {
        data: [order],
      } = await query.graph({ entity: "order", fields: ["id", "discount_total"], filters: { id: data.order.id } })
      expect(cents(order.discount_total)).toBe(cents(converted.discount_total))
      await until(async () => expect(await seatsOf("AUTOTENTS")).toEqual([
        { cart_session_id: session.id, cart_id: converted.converted_cart_id, order_id: data.order.id },
      ]))
      expect(await usageOf("AUTOTENTS")).toBe(1)
    })

    it("makes a logged-in customer's session their cart, and their order carries the discount and the seat their id", async () => {
      const customer = await registerCustomer(api, shop.publishableKey, "buyer@example.com")
      const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 2 }], discounts: [{ code: "ONCE" }] }, customer.headers)
      const converted = await post(`${session.id}/convert`, {}, customer.headers)
      const cart = (await api.get(`/store/carts/${converted.converted_cart_id}?fields=${CART_FIELDS}`, customer.headers)).data.cart
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: stored } = await query.graph({ entity: "cart", fields: ["customer_id", "email"], filters: { id: cart.id } })
      expect(stored).toEqual([{ customer_id: customer.customerId, email: "buyer@example.com" }])
      expect(cents(cart.discount_total)).toBe(cents(converted.discount_total))

      const { data } = await completeHostCart(api, cart.id, customer.headers, checkout)
      const { data: orders } = await query.graph({ entity: "order", fields: ["customer_id"], filters: { id: data.order.id } })
      expect(orders).toEqual([{ customer_id: customer.customerId }])
      await until(async () =>
        expect(await coupons().listCouponRedemptions({ order_id: data.order.id })).toEqual([
          expect.objectContaining({ customer_id: customer.customerId, amount: 7.49 }),
        ])
      )
    })

    it("converts at the prices the cart gets: a customer group's price list and a quantity tier, to the cent", async () => {
      const [boots, stove] = await createProducts(getContainer(), [
        { title: "Ranger boots", merchant: "acme", prices: { usd: 30 } },
        { title: "Camp stove", merchant: "brightco", prices: { usd: 30 }, quantityPrices: [{ currency_code: "usd", amount: 25, min_quantity: 5 }] },
      ].map((spec) => ({ ...spec, salesChannelIds: [shop.salesChannelId], shippingProfileId: checkout.shippingProfileId })))
      const customer = await registerCustomer(api, shop.publishableKey, "member@example.com")
      const group = (await api.post("/admin/customer-groups", { name: "Members" }, admin)).data.customer_group
      await api.post(`/admin/customer-groups/${group.id}/customers`, { add: [customer.customerId] }, admin)
      await api.post(
        "/admin/price-lists",
        {
          title: "Members",
          description: "Members' prices",
          type: "override",
          status: "active",
          rules: { "customer.groups.id": [group.id] },
          prices: [{ variant_id: boots.variantId, currency_code: "usd", amount: 20 }],
        },
        admin
      )
      const session = await createSession(
        {
          items: [
            { variant_id: boots.variantId, quantity: 1 },
            { variant_id: stove.variantId, quantity: 5 },
          ],
          discounts: [{ code: "SAVE10" }],
        },
        customer.headers
      )
      const unitPrices = (view: any) =>
        Object.fromEntries(view.bags.flatMap((bag: any) => bag.items.map((line: any) => [line.variant_id, cents(line.unit_price)])))
      expect(unitPrices(session)).toEqual({ [boots.variantId]: 2000, [stove.variantId]: 2500 })

      const converted = await post(`${session.id}/convert`, {}, customer.headers)
      const cart = (await api.get(`/store/carts/${converted.converted_cart_id}?fields=${CART_FIELDS}`, customer.headers)).data.cart
      expect(Object.fromEntries(cart.items.map((item: any) => [item.variant_id, cents(item.unit_price)]))).toEqual(unitPrices(converted))
      expect(cartDiscountByVariant(cart)).toEqual(sessionDiscountByVariant(converted))
      expect(cents(cart.item_total)).toBe(cents(converted.total))

      const { data } = await completeHostCart(api, cart.id, customer.headers, checkout)
      expect(cents(data.order.discount_total)).toBe(cents(converted.discount_total))
      expect(cents(data.order.item_total)).toBe(cents(converted.total))
    })

    it("answers a second convert with the same cart, and refuses any other change (409 CART_SESSION_NOT_OPEN)", async () => {
      const session = await threeLineSession()
      const converted = await post(`${session.id}/convert`)
      const again = await post(`${session.id}/convert`, { version: session.version })
      expect(again).toEqual(converted)
      const { status, body } = await refused(
        api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: mug.variantId, quantity: 1 }, shop.anonymous)
      )
      expect([status, body.code]).toEqual([409, "CART_SESSION_NOT_OPEN"])
      expect(again.converted_cart_id).toBe(converted.converted_cart_id)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({ entity: "cart", fields: ["id"] })
      expect(carts.map((cart: any) => cart.id)).toEqual([converted.converted_cart_id])
    })

    it("carries manual discounts (cart-level and item-level) with the codes", async () => {
      const session = await createSession({
        items: [
          { variant_id: tent.variantId, quantity: 1 },
          { variant_id: mug.variantId, quantity: 3 },
          { variant_id: lamp.variantId, quantity: 2 },
        ],
        discounts: [{ code: "ACME5" }],
      })
      const lampLine = session.bags.flatMap((bag: any) => bag.items).find((line: any) => line.variant_id === lamp.variantId)
      await api.post(
        `/admin/cart-sessions/${session.id}/manual-discounts`,
        { cart: [{ amount: 7.77, name: "Goodwill" }], items: [{ line_item_id: lampLine.id, amount: 3.01, name: "Scratch" }] },
        admin
      )
      const converted = await post(`${session.id}/convert`)
      expect(converted.discounts.map((discount: any) => discount.status)).toEqual(["APPLIED", "APPLIED", "APPLIED"])
      const cart = await getCart(converted.converted_cart_id)
      expect(cartDiscountByVariant(cart)).toEqual(sessionDiscountByVariant(converted))
      expect(cents(cart.discount_total)).toBe(cents(converted.discount_total))
      const descriptions = cart.items.flatMap((item: any) => item.adjustments.map((adjustment: any) => adjustment.description))
      expect(new Set(descriptions)).toEqual(new Set(["Code ACME5", "Manual discount: Goodwill", "Manual discount: Scratch"]))
    })
  })

  /** The coupon's live seats: who holds them. */
  const seatsOf = async (code: string) => {
    const [coupon] = await coupons().listCoupons({ code })
    const seats = await coupons().listCouponRedemptions({ coupon_id: coupon.id })
    return seats.map(({ cart_session_id, cart_id, order_id }) => ({ cart_session_id, cart_id, order_id }))
  }
  const usageOf = async (code: string) => (await coupons().listCoupons({ code }))[0].usage_count

  describe("coupon seats", () => {
    const onceSession = () =>
      createSession({ items: [{ variant_id: mug.variantId, quantity: 2 }], discounts: [{ code: "ONCE" }] })
    /** The job's workflow, run with its clock at `at` (ms). */
    const runReleaseAt = (at: number) =>
      getContainer()
        .resolve(Modules.WORKFLOW_ENGINE)
        .run("release-abandoned-coupon-seats", { input: { now: new Date(at).toISOString() } })
    /** Past the session's lifetime (7 days) from now. */
    const afterLifetime = () => Date.now() + (7 * 24 * 60 + 1) * 60_000
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

    it("takes a seat at convert; the next session is refused with the code's new status, saved, and converts without it", async () => {
      const first = await onceSession()
      const second = await onceSession()
      const converted = await post(`${first.id}/convert`)
      expect(await seatsOf("ONCE")).toEqual([
        { cart_session_id: first.id, cart_id: converted.converted_cart_id, order_id: null },
      ])

      const { status, body } = await refused(api.post(`${SESSIONS}/${second.id}/convert`, {}, shop.anonymous))
      expect(status).toBe(409)
      expect(body).toMatchObject({ code: "CART_SESSION_DISCOUNT_CHANGED", message: expect.stringContaining("ONCE is now USAGE_LIMIT_REACHED") })
      const seen = await getSession(second.id)
      expect(seen).toMatchObject({ status: "open", discount_total: 0 })
      expect(seen.discounts[0].status).toBe("USAGE_LIMIT_REACHED")

      const withoutIt = await post(`${second.id}/convert`)
      expect(withoutIt.status).toBe("converted")
      const cart = await getCart(withoutIt.converted_cart_id)
      expect(cents(cart.discount_total)).toBe(0)
      expect(await usageOf("ONCE")).toBe(1)
    })

    /** What a convert killed after taking its seat leaves (its process died before the commit): a seat the session holds, no cart. */
    const seatOfDeadConvert = async (cartSessionId: string, code: string) => {
      const [coupon] = await coupons().listCoupons({ code })
      const [seat] = await coupons().recordRedemptions([
        { coupon_id: coupon.id, cart_session_id: cartSessionId, amount: 1, currency_code: "usd" },
      ])
      return seat.id
    }

    it("converts a session whose earlier convert died after taking its seat with that seat, not a second one", async () => {
      await coupons().createCoupons({ code: "TWICE", value_type: "percentage", value: 15, usage_limit: 2 })
      const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 2 }], discounts: [{ code: "TWICE" }] })
      const seatId = await seatOfDeadConvert(session.id, "TWICE")
      expect(await usageOf("TWICE")).toBe(1)

      const converted = await post(`${session.id}/convert`)
      expect(converted.discounts[0].status).toBe("APPLIED")
      const [twice] = await coupons().listCoupons({ code: "TWICE" })
      expect(await coupons().listCouponRedemptions({ coupon_id: twice.id })).toEqual([
        expect.objectContaining({ id: seatId, cart_session_id: session.id, cart_id: converted.converted_cart_id }),
      ])
      expect(await usageOf("TWICE")).toBe(1)
    })

    it("converts with its own seat when its dead convert took the coupon's last one: the seat is the session's, not a use past the limit", async () => {
      await coupons().createCoupons({ code: "LASTONE", value_type: "percentage", value: 10, usage_limit: 1, usage_limit_per_customer: 1 })
      const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 2 }], discounts: [{ code: "LASTONE" }] })
      const seatId = await seatOfDeadConvert(session.id, "LASTONE")
      expect(await usageOf("LASTONE")).toBe(1)

      // Re-priced, the session still applies the code (its own seat is no use past the limit) ...
      const repriced = await post(`${session.id}/price`)
      expect(repriced.discounts[0].status).toBe("APPLIED")
      // ... while another session sees the limit reached.
      const other = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }], discounts: [{ code: "LASTONE" }] })
      expect(other.discounts[0].status).toBe("USAGE_LIMIT_REACHED")

      const converted = await post(`${session.id}/convert`)
      expect(converted.discounts[0].status).toBe("APPLIED")
      expect((await seatsOf("LASTONE")).map((seat) => seat.cart_id)).toEqual([converted.converted_cart_id])
      const [lastOne] = await coupons().listCoupons({ code: "LASTONE" })
      expect((await coupons().listCouponRedemptions({ coupon_id: lastOne.id })).map((seat) => seat.id)).toEqual([seatId])
      expect(await usageOf("LASTONE")).toBe(1)
    })

    it("gives back the seat a dead convert left when the session converts without that code (its cart would have held it)", async () => {
      const session = await onceSession()
      await seatOfDeadConvert(session.id, "ONCE")
      const [once] = (await getSession(session.id)).discounts
      const removed = await api.delete(`${SESSIONS}/${session.id}/discounts/${once.id}`, shop.anonymous)
      expect(removed.status).toBe(200)

      const converted = await post(`${session.id}/convert`)
      expect(converted.discounts).toEqual([])
      expect(await seatsOf("ONCE")).toEqual([])
      expect(await usageOf("ONCE")).toBe(0)
      expect(cents((await getCart(converted.converted_cart_id)).discount_total)).toBe(0)
    })

    it("makes the seat the order's redemption once, however often order.placed comes or the complete is retried", async () => {
      const session = await onceSession()
      const converted = await post(`${session.id}/convert`)
      const cartId = converted.converted_cart_id
      const { data } = await completeHostCart(api, cartId, shop.anonymous, checkout)
      const orderId = data.order.id
      await until(async () => expect(await seatsOf("ONCE")).toEqual([{ cart_session_id: session.id, cart_id: cartId, order_id: orderId }]))

      const again = await api.post(`/store/carts/${cartId}/complete`, {}, shop.anonymous)
      expect(again.data.order.id).toBe(orderId)
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: orderId } })
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: orderId } })
      await new Promise((resolve) => setTimeout(resolve, 500))
      const [seat] = await coupons().listCouponRedemptions({ order_id: orderId })
      expect(await coupons().listCouponRedemptions({ order_id: orderId })).toHaveLength(1)
      expect(seat).toMatchObject({ customer_id: null, amount: 7.49, currency_code: "usd" })
      expect(await usageOf("ONCE")).toBe(1)
    })

    it("gives a cancelled order's seat back, once, so another session can use the code", async () => {
      const session = await onceSession()
      const converted = await post(`${session.id}/convert`)
      const { data } = await completeHostCart(api, converted.converted_cart_id, shop.anonymous, checkout)
      await until(async () => expect((await seatsOf("ONCE"))[0]?.order_id).toBe(data.order.id))

      await Promise.all([1, 2, 3].map(() => api.post(`/admin/orders/${data.order.id}/cancel`, {}, admin).catch(() => null)))
      await until(async () => expect(await seatsOf("ONCE")).toEqual([]))
      expect(await usageOf("ONCE")).toBe(0)
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.canceled", data: { id: data.order.id } })
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await usageOf("ONCE")).toBe(0)

      const next = await post(`${(await onceSession()).id}/convert`)
      expect(next.discounts[0].status).toBe("APPLIED")
      expect(await usageOf("ONCE")).toBe(1)
    })

    it("gives a cancelled order's seat back when its order.placed never came (the process died after the order): the seat still the cart's", async () => {
      const session = await onceSession()
      const cartId = (await post(`${session.id}/convert`)).converted_cart_id
      const { data } = await completeHostCart(api, cartId, shop.anonymous, checkout)
      await until(async () => expect((await seatsOf("ONCE"))[0]?.order_id).toBe(data.order.id))
      // What a process killed between the order's commit and its order.placed leaves: the seat with the cart.
      const [seat] = await coupons().listCouponRedemptions({ cart_id: cartId })
      await coupons().updateCouponRedemptions({ id: seat.id, order_id: null })

      await api.post(`/admin/orders/${data.order.id}/cancel`, {}, admin)
      await until(async () => expect(await seatsOf("ONCE")).toEqual([]))
      expect(await usageOf("ONCE")).toBe(0)
      // The release of abandoned carts finds nothing of it later.
      expect((await runReleaseAt(afterLifetime())).result).toEqual({ released: [], kept_by_orders: [] })
      expect(await usageOf("ONCE")).toBe(0)
    })

    it("refuses to complete a cart whose seat was released (400 CART_DISCOUNTS_RELEASED), changing nothing", async () => {
      const session = await onceSession()
      const converted = await post(`${session.id}/convert`)
      const [seat] = await coupons().listCouponRedemptions({ cart_id: converted.converted_cart_id })
      await coupons().releaseRedemptions([seat.id])

      const { status, body } = await refused(completeHostCart(api, converted.converted_cart_id, shop.anonymous, checkout))
      expect(status).toBe(400)
      expect(body).toMatchObject({ type: "not_allowed", code: "CART_DISCOUNTS_RELEASED" })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id"] })
      expect(orders).toEqual([])
      expect(await usageOf("ONCE")).toBe(0)
    })

    it("gives the claim back when the complete fails after it (no shipping method), and the cart completes on the next try", async () => {
      const session = await onceSession()
      const cartId = (await post(`${session.id}/convert`)).converted_cart_id
      const {
        data: { payment_collection },
      } = await api.post("/store/payment-collections", { cart_id: cartId }, shop.anonymous)
      await api.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, shop.anonymous)

      const failed = await refused(api.post(`/store/carts/${cartId}/complete`, {}, shop.anonymous))
      expect(failed.status).toBe(400)
      const [seat] = await coupons().listCouponRedemptions({ cart_id: cartId })
      expect(seat).toMatchObject({ claimed_at: null, order_id: null })
      expect(await usageOf("ONCE")).toBe(1)

      const { data } = await completeHostCart(api, cartId, shop.anonymous, checkout)
      expect(data.type).toBe("order")
      await until(async () => expect((await seatsOf("ONCE"))[0].order_id).toBe(data.order.id))
    })

    it("releases the seat of a cart not completed within the session's lifetime and drops its discounts; a completing cart keeps it", async () => {
      const abandoned = await post(`${(await onceSession()).id}/convert`)
      const runRelease = (minutesLater: number) => runReleaseAt(Date.now() + minutesLater * 60_000)
      expect((await runRelease(60)).result).toEqual({ released: [], kept_by_orders: [] })
      const { result } = await runRelease(7 * 24 * 60 + 1)
      expect(result.released).toHaveLength(1)
      expect(await usageOf("ONCE")).toBe(0)
      const cart = await getCart(abandoned.converted_cart_id)
      expect(cents(cart.discount_total)).toBe(0)
      await until(async () =>
        expect(dropped).toEqual([
          expect.objectContaining({ id: abandoned.id, cart_id: abandoned.converted_cart_id, reason: "seats_expired" }),
        ])
      )
      // The cart can still be bought, at its full price.
      const { data } = await completeHostCart(api, abandoned.converted_cart_id, shop.anonymous, checkout)
      expect(cents(data.order.total)).toBe(2 * 2499 + 500)
    })

    it("gives back the seat of a cart that is gone (deleted) when the job runs", async () => {
      const session = await onceSession()
      const cartId = (await post(`${session.id}/convert`)).converted_cart_id
      const [seat] = await coupons().listCouponRedemptions({ cart_id: cartId })
      await getContainer().resolve(Modules.CART).deleteCarts(cartId)

      const { result } = await runReleaseAt(afterLifetime())
      expect(result).toEqual({ released: [seat.id], kept_by_orders: [] })
      expect(await usageOf("ONCE")).toBe(0)
      expect(await seatsOf("ONCE")).toEqual([])
      expect((await runReleaseAt(afterLifetime())).result).toEqual({ released: [], kept_by_orders: [] })
      expect(await usageOf("ONCE")).toBe(0)
      // Nothing is said about a cart that no longer exists.
      await pause(500)
      expect(dropped).toEqual([])
    })

    it("gives back a stale claim's seat once (its complete died) and drops its discounts; a recent claim keeps its seat; a second run changes nothing", async () => {
      const saveSession = () =>
        createSession({ items: [{ variant_id: mug.variantId, quantity: 2 }], discounts: [{ code: "SAVE10" }] })
      const stale = await post(`${(await saveSession()).id}/convert`)
      const running = await post(`${(await saveSession()).id}/convert`)
      const at = afterLifetime()
      // The claims a complete makes: the stale one 7 days before the job's clock, the running one a minute before.
      const [staleSeat] = await coupons().claimCartSeats(stale.converted_cart_id)
      const [runningSeat] = await coupons().claimCartSeats(running.converted_cart_id)
      await coupons().updateCouponRedemptions({ id: runningSeat.id, claimed_at: new Date(at - 60_000) })
      expect(await usageOf("SAVE10")).toBe(2)

      const { result } = await runReleaseAt(at)
      expect(result).toEqual({ released: [staleSeat.id], kept_by_orders: [] })
      expect(await usageOf("SAVE10")).toBe(1)
      expect(await seatsOf("SAVE10")).toEqual([
        { cart_session_id: running.id, cart_id: running.converted_cart_id, order_id: null },
      ])
      expect(cents((await getCart(stale.converted_cart_id)).discount_total)).toBe(0)
      expect(cents((await getCart(running.converted_cart_id)).discount_total)).toBe(cents(running.discount_total))
      await until(async () =>
        expect(dropped).toEqual([
          expect.objectContaining({
            id: stale.id,
            cart_id: stale.converted_cart_id,
            reason: "seats_expired",
            released_seat_ids: [staleSeat.id],
          }),
        ])
      )

      expect((await runReleaseAt(at + 60_000)).result).toEqual({ released: [], kept_by_orders: [] })
      await pause(500)
      expect(dropped).toHaveLength(1)
      expect(await usageOf("SAVE10")).toBe(1)
      expect(cents((await getCart(running.converted_cart_id)).discount_total)).toBe(cents(running.discount_total))
    })

    it("counts a guest by email for usage_limit_per_customer: the same email in another case is refused CUSTOMER_LIMIT_REACHED", async () => {
      await coupons().createCoupons({ code: "ONEEACH", value_type: "percentage", value: 20, usage_limit_per_customer: 1 })
      const guestSession = (email: string) =>
        createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }], discounts: [{ code: "ONEEACH" }], email })
      const first = await guestSession("Guest@Example.com")
      const second = await guestSession("guest@EXAMPLE.COM")
      expect(second.discounts.map((discount: any) => discount.status)).toEqual(["APPLIED"])

      const converted = await post(`${first.id}/convert`)
      const seats = await coupons().listCouponRedemptions({ cart_id: converted.converted_cart_id })
      expect(seats.map(({ customer_id, email }) => ({ customer_id, email }))).toEqual([
        { customer_id: null, email: "guest@example.com" },
      ])

      // Priced again at convert: the seat of the first session is this guest's.
      const { status, body } = await refused(api.post(`${SESSIONS}/${second.id}/convert`, {}, shop.anonymous))
      expect([status, body.code]).toEqual([409, "CART_SESSION_DISCOUNT_CHANGED"])
      expect(body.message).toContain("ONEEACH is now CUSTOMER_LIMIT_REACHED")
      expect((await getSession(second.id)).discounts.map((discount: any) => discount.status)).toEqual([
        "CUSTOMER_LIMIT_REACHED",
      ])
      // A new session of theirs learns it when the code is added; another guest is not limited.
      const third = await guestSession("GUEST@example.com")
      expect(third.discounts.map((discount: any) => discount.status)).toEqual(["CUSTOMER_LIMIT_REACHED"])
      const other = await post(`${(await guestSession("other@example.com")).id}/convert`)
      expect(other.discounts.map((discount: any) => discount.status)).toEqual(["APPLIED"])
      expect(await usageOf("ONEEACH")).toBe(2)
    })
  })

  describe("the host's refreshes of a converted cart", () => {
    it("keep the discounts through a shipping method, an email, an address and promo_codes: []", async () => {
      const session = await threeLineSession()
      const converted = await post(`${session.id}/convert`)
      const cartId = converted.converted_cart_id
      const expected = sessionDiscountByVariant(converted)

      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: checkout.shippingOptionId }, shop.anonymous)
      expect(cartDiscountByVariant(await getCart(cartId))).toEqual(expected)
      await api.post(`/store/carts/${cartId}`, { email: "other@example.com" }, shop.anonymous)
      expect(cartDiscountByVariant(await getCart(cartId))).toEqual(expected)
      await api.post(
        `/store/carts/${cartId}`,
        { shipping_address: { first_name: "Ann", last_name: "Lee", address_1: "1 Main st", city: "Boston", country_code: "us", postal_code: "02110" } },
        shop.anonymous
      )
      expect(cartDiscountByVariant(await getCart(cartId))).toEqual(expected)
      await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [] }, shop.anonymous).catch(() => null)
      await api.post(`/store/carts/${cartId}`, { promo_codes: [] }, shop.anonymous).catch(() => null)
      const cart = await getCart(cartId)
      expect(cartDiscountByVariant(cart)).toEqual(expected)
      expect(cents(cart.discount_total)).toBe(cents(converted.discount_total))
    })

    it("drop the discounts and give the seats back when the shopper changes the cart's items, and the payment follows", async () => {
      const session = await createSession({
        items: [
          { variant_id: mug.variantId, quantity: 2 },
          { variant_id: lamp.variantId, quantity: 1 },
        ],
        discounts: [{ code: "ONCE" }],
      })
      const converted = await post(`${session.id}/convert`)
      const cartId = converted.converted_cart_id
      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: checkout.shippingOptionId }, shop.anonymous)
      const {
        data: { payment_collection },
      } = await api.post("/store/payment-collections", { cart_id: cartId }, shop.anonymous)
      expect(cents(payment_collection.amount)).toBe(cents(converted.total) + 500)

      const mugItem = (await getCart(cartId)).items.find((item: any) => item.variant_id === mug.variantId)
      await api.post(`/store/carts/${cartId}/line-items/${mugItem.id}`, { quantity: 3 }, shop.anonymous)

      const cart = await getCart(cartId)
      expect(cents(cart.discount_total)).toBe(0)
      expect(cart.items.flatMap((item: any) => item.adjustments)).toEqual([])
      expect(await usageOf("ONCE")).toBe(0)
      expect(await seatsOf("ONCE")).toEqual([])
      await until(async () =>
        expect(dropped).toEqual([expect.objectContaining({ id: session.id, cart_id: cartId, reason: "cart_changed" })])
      )
      const { data } = await api.get(`/store/carts/${cartId}?fields=total,payment_collection.amount`, shop.anonymous)
      expect(cents(data.cart.payment_collection.amount)).toBe(cents(data.cart.total))
      expect(cents(data.cart.total)).toBe(3 * 2499 + 3333 + 500)
    })
  })

  more?.({
    get shop() {
      return shop
    },
    get checkout() {
      return checkout
    },
    get admin() {
      return admin
    },
    get products() {
      return { tent, mug, lamp }
    },
    get dropped() {
      return dropped
    },
    createSession,
    getSession,
    post,
    getCart,
    coupons,
    until,
    cents,
    cartDiscountByVariant,
    sessionDiscountByVariant,
    seatsOf,
    usageOf,
  })
}
