import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../src/modules/cart-session"
import { COUPON_MODULE, CouponModuleService, CreateCouponInput } from "../../src/modules/coupon"
import { expireCartSessionsWorkflow } from "../../src/workflows/cart-session"
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

jest.setTimeout(180_000)

// Regression tests of the session-core issue: each fault as it was found.
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let tent: CreatedProduct
    let mug: CreatedProduct

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      shop = await createStorefront(getContainer(), { currencies: ["usd", "eur"] })
      ;[tent, mug] = await createProducts(getContainer(), [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97, eur: 280 }, salesChannelIds: [shop.salesChannelId] },
        { title: "Camp mug", merchant: "globex", prices: { usd: 10, eur: 9 }, salesChannelIds: [shop.salesChannelId] },
      ])
    })

    const sessions = () => getContainer().resolve<CartSessionModuleService>(CART_SESSION_MODULE)
    const createCoupons = (...inputs: CreateCouponInput[]) =>
      getContainer().resolve<CouponModuleService>(COUPON_MODULE).createCoupons(inputs)
    const { create: createSession, get: getSession, post } = cartSessionRequests(api, () => shop.anonymous)
    const discountOf = (session: any, code: string) => session.discounts.find((discount: any) => discount.code === code)

    describe("convert re-checks every code now (fault 4: dates were never re-checked)", () => {
      it("refuses a code that expired since it was priced with 409 CART_SESSION_DISCOUNT_CHANGED, and saves its new status", async () => {
        await createCoupons({ code: "SOON", value_type: "percentage", value: 10, ends_at: new Date(Date.now() + 2500) })
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }], discounts: [{ code: "SOON" }] })
        expect(discountOf(session, "SOON")).toMatchObject({ status: "APPLIED", amount_total: 1 })
        await new Promise((resolve) => setTimeout(resolve, 3000))

        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/convert`, {}, shop.anonymous))
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "CART_SESSION_DISCOUNT_CHANGED",
          message: expect.stringContaining("SOON is now EXPIRED"),
        })
        const after = await getSession(session.id)
        expect(discountOf(after, "SOON")).toMatchObject({ status: "EXPIRED", amount_total: 0 })
        expect(after).toMatchObject({ total: 10, version: session.version + 1 })

        const converted = await post(`${session.id}/convert`)
        expect(converted).toMatchObject({ status: "converted", version: after.version + 1, converted_cart_id: expect.stringMatching(/^cart_/) })
      })
    })

    describe("amounts past what a session prices exactly (faults 5 and 6: 500s, and a retry that repeated a committed change)", () => {
      it("refuses a line past the range with 400 AMOUNT_OUT_OF_RANGE naming it; nothing changes and a retry replays the refusal", async () => {
        const [pallet, silver] = await createProducts(getContainer(), [
          { title: "Gold pallet", merchant: "acme", prices: { usd: 6_000_000_000_000 }, salesChannelIds: [shop.salesChannelId] },
          { title: "Silver pallet", merchant: "acme", prices: { usd: 5_000_000_000_000 }, salesChannelIds: [shop.salesChannelId] },
        ])
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }] })
        const headers = { headers: { ...shop.anonymous.headers, "Idempotency-Key": "3b1f3f9e-out-of-range" } }
        const body = { variant_id: pallet.variantId, quantity: 2 }

        const first = await refused(api.post(`${SESSIONS}/${session.id}/line-items`, body, headers))
        expect(first.status).toBe(400)
        expect(first.body).toEqual({
          type: "invalid_data",
          code: "AMOUNT_OUT_OF_RANGE",
          message: expect.stringContaining(`Line "Gold pallet" (variant ${pallet.variantId}, quantity 2) comes to more than`),
        })
        const retry = await refused(api.post(`${SESSIONS}/${session.id}/line-items`, body, headers))
        expect(retry).toEqual(first)
        expect(await getSession(session.id)).toEqual(session)

        // One fits; a second product brings the session past the range.
        const one = await post(`${session.id}/line-items`, { variant_id: pallet.variantId, quantity: 1 })
        expect(one.total).toBe(6_000_000_000_010)
        const sum = await refused(
          api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: silver.variantId, quantity: 1 }, shop.anonymous)
        )
        expect(sum.body).toMatchObject({ code: "AMOUNT_OUT_OF_RANGE", message: expect.stringContaining("brings the cart session to") })
        expect(await getSession(session.id)).toEqual(one)
      })

      it("refuses a host price past the safe integer range with 400 AMOUNT_OUT_OF_RANGE, not a 500", async () => {
        const [huge] = await createProducts(getContainer(), [
          { title: "Moon", merchant: "acme", prices: { usd: 1e17 }, salesChannelIds: [shop.salesChannelId] },
        ])
        const { status, body } = await refused(
          api.post(SESSIONS, { items: [{ variant_id: huge.variantId, quantity: 1 }] }, shop.anonymous)
        )
        expect(status).toBe(400)
        expect(body).toMatchObject({ code: "AMOUNT_OUT_OF_RANGE", message: expect.stringContaining(huge.variantId) })
        expect(await sessions().listCartSessions({})).toEqual([])
      })
    })

    describe("expiry (fault 7: the job wrote without the version bump)", () => {
      it("expires an overdue session with version + 1; a change decided before it then conflicts", async () => {
        const session = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }] })
        const overdue = await forceCartSessionState(getContainer(), session.id, { expires_at: new Date(Date.now() - 1000) })
        const { result } = await expireCartSessionsWorkflow(getContainer()).run({ input: { now: new Date(), limit: 10 } })
        expect(result).toEqual([session.id])

        const expired = await getSession(session.id)
        expect(expired).toMatchObject({ status: "expired", version: overdue.version + 1 })
        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/price`, {}, shop.anonymous))
        expect(status).toBe(409)
        expect(body.code).toBe("CART_SESSION_NOT_OPEN")
        const [stored] = await sessions().listCartSessions({ id: session.id })
        expect(stored.version).toBe(overdue.version + 1)
      })
    })

    describe("anonymous sessions and customers (fault 8)", () => {
      it("becomes the customer's when they change it logged in: their email, their per-customer limits, hidden from others", async () => {
        const [once] = await createCoupons({ code: "ONCE", value_type: "percentage", value: 10, usage_limit_per_customer: 1 })
        const customer = await registerCustomer(api, shop.publishableKey, "claimer@example.com")
        await getContainer()
          .resolve<CouponModuleService>(COUPON_MODULE)
          .recordRedemptions([{ coupon_id: once.id, order_id: "order_earlier", customer_id: customer.customerId, amount: 1, currency_code: "usd" }])

        const anonymous = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }], discounts: [{ code: "ONCE" }] })
        expect(anonymous).toMatchObject({ customer_id: null, email: null })
        expect(discountOf(anonymous, "ONCE").status).toBe("APPLIED")

        const claimed = await post(`${anonymous.id}/line-items`, { variant_id: tent.variantId, quantity: 1 }, customer.headers)
        expect(claimed).toMatchObject({ customer_id: customer.customerId, email: "claimer@example.com" })
        expect(discountOf(claimed, "ONCE")).toMatchObject({ status: "CUSTOMER_LIMIT_REACHED", amount_total: 0 })

        const { status, body } = await refused(api.get(`${SESSIONS}/${anonymous.id}`, shop.anonymous))
        expect(status).toBe(404)
        expect(body.code).toBe("CART_SESSION_NOT_FOUND")
        expect(await getSession(anonymous.id, customer.headers)).toEqual(claimed)
      })
    })

    describe("create takes what the host's cart create takes (fault 11)", () => {
      it("accepts currency_code beside region_id, email, sales_channel_id and metadata", async () => {
        const session = await createSession({
          region_id: shop.regionIds.eur,
          currency_code: "EUR",
          email: "shopper@example.com",
          sales_channel_id: shop.salesChannelId,
          metadata: { source: "storefront" },
          items: [{ variant_id: tent.variantId, quantity: 1 }],
        })
        expect(session).toMatchObject({
          region_id: shop.regionIds.eur,
          currency_code: "eur",
          email: "shopper@example.com",
          sales_channel_id: shop.salesChannelId,
          metadata: { source: "storefront" },
          total: 280,
        })
      })

      it("takes a region selling in the currency when only currency_code is given", async () => {
        const session = await createSession({ currency_code: "eur" })
        expect(session).toMatchObject({ region_id: shop.regionIds.eur, currency_code: "eur" })
      })

      it("refuses a currency that is not the region's with 400 REGION_CURRENCY_MISMATCH, creating nothing", async () => {
        const mismatch = await refused(api.post(SESSIONS, { region_id: shop.regionIds.usd, currency_code: "eur" }, shop.anonymous))
        expect(mismatch.status).toBe(400)
        expect(mismatch.body).toEqual({
          type: "invalid_data",
          code: "REGION_CURRENCY_MISMATCH",
          message: `Field 'currency_code': region ${shop.regionIds.usd} sells in USD, not EUR`,
        })
        const unsold = await refused(api.post(SESSIONS, { currency_code: "gbp" }, shop.anonymous))
        expect(unsold.body).toMatchObject({ code: "REGION_CURRENCY_MISMATCH", message: expect.stringContaining("GBP") })
        expect(await sessions().listCartSessions({})).toEqual([])
      })
    })
  },
})
