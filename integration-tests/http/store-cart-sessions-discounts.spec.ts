import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { COUPON_MODULE, CouponModuleService, CreateCouponInput } from "../../src/modules/coupon"
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

jest.setTimeout(120_000)

const tenPercent = { value_type: "percentage" as const, value: 10 }

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let tent: CreatedProduct
    let mug: CreatedProduct
    let kettle: CreatedProduct

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd"] })
      const sold = [shop.salesChannelId]
      ;[tent, mug, kettle] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: sold },
        { title: "Camp mug", merchant: "acme", prices: { usd: 24.99 }, salesChannelIds: sold },
        { title: "Pour-over kettle", merchant: "globex", prices: { usd: 45.5 }, salesChannelIds: sold },
      ])
    })

    const createCoupons = (...inputs: CreateCouponInput[]) =>
      getContainer().resolve<CouponModuleService>(COUPON_MODULE).createCoupons(inputs)
    const { create: createSession, get: getSession, post } = cartSessionRequests(api, () => shop.anonymous)
    const addCode = (id: string, body: Record<string, unknown>) => post(`${id}/coupons`, body)
    const tentAndMug = () =>
      createSession({
        items: [
          { variant_id: tent.variantId, quantity: 1 },
          { variant_id: mug.variantId, quantity: 1 },
        ],
      })
    const discountOf = (session: any, code: string) => session.discounts.find((discount: any) => discount.code === code)
    const sum = (amounts: number[]) => Math.round(amounts.reduce((total, amount) => total + amount * 100, 0)) / 100

    describe("the worked example of SPEC §2", () => {
      it("takes 10% of 299.97 and 24.99 as 32.49, split 29.99 and 2.50, and says so", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent })
        const session = await tentAndMug()
        const updated = await addCode(session.id, { code: "SAVE10" })

        expect(updated).toMatchObject({ subtotal: 324.96, discount_total: 32.49, total: 292.47, priced: true, version: 2 })
        const [tentLine, mugLine] = updated.bags[0].items
        expect(tentLine).toMatchObject({ subtotal: 299.97, discount_total: 29.99, total: 269.98 })
        expect(mugLine).toMatchObject({ subtotal: 24.99, discount_total: 2.5, total: 22.49 })
        expect(updated.discounts).toEqual([
          {
            id: expect.stringMatching(/^csdisc_/),
            code: "SAVE10",
            merchant_id: null,
            type: "CODE",
            name: null,
            status: "APPLIED",
            value_type: "percentage",
            value: 10,
            amount_total: 32.49,
            is_primary: false,
            message: "Code SAVE10 applied: you saved 32.49",
            target_type: "items",
            allocations: [
              { line_item_id: tentLine.id, amount: 29.99 },
              { line_item_id: mugLine.id, amount: 2.5 },
            ],
            shipping_allocations: [],
          },
        ])
        expect(updated.bags[0].discounts).toEqual([
          { id: updated.discounts[0].id, code: "SAVE10", type: "CODE", amount: 32.49 },
        ])
        expect(updated.messages).toEqual(["Code SAVE10 applied: you saved 32.49"])
      })
    })

    describe("a two-merchant session", () => {
      beforeEach(async () => {
        await createCoupons(
          { code: "ACME5", merchant_id: "acme", value_type: "fixed", value: 5, currency_code: "usd" },
          { code: "ALL10", ...tenPercent }
        )
      })

      const twoBags = () =>
        createSession({
          items: [
            { variant_id: tent.variantId, quantity: 1 },
            { variant_id: kettle.variantId, quantity: 1 },
          ],
        })

      it("prices a merchant's code on its bag, then a store-wide code over what remains of every bag", async () => {
        const session = await twoBags()
        await addCode(session.id, { code: "ACME5" })
        const priced = await addCode(session.id, { code: "ALL10" })

        const acme5 = discountOf(priced, "ACME5")
        const all10 = discountOf(priced, "ALL10")
        expect(acme5).toMatchObject({ status: "APPLIED", merchant_id: "acme", value_type: "fixed", value: 5, amount_total: 5 })
        expect(all10).toMatchObject({ status: "APPLIED", merchant_id: null, amount_total: 34.04 })

        const [acme, globex] = priced.bags
        const tentLine = acme.items[0]
        const kettleLine = globex.items[0]
        expect(acme5.allocations).toEqual([{ line_item_id: tentLine.id, amount: 5 }])
        expect(all10.allocations).toEqual([
          { line_item_id: tentLine.id, amount: 29.49 },
          { line_item_id: kettleLine.id, amount: 4.55 },
        ])
        expect(acme).toMatchObject({ merchant_id: "acme", subtotal: 299.97, discount_total: 34.49, total: 265.48 })
        expect(globex).toMatchObject({ merchant_id: "globex", subtotal: 45.5, discount_total: 4.55, total: 40.95 })
        expect(acme.discounts.map((discount: any) => [discount.code, discount.amount])).toEqual([
          ["ACME5", 5],
          ["ALL10", 29.49],
        ])
        expect(globex.discounts.map((discount: any) => [discount.code, discount.amount])).toEqual([["ALL10", 4.55]])

        for (const discount of priced.discounts) {
          expect(sum(discount.allocations.map((share: any) => share.amount))).toBe(discount.amount_total)
        }
        expect(priced.discount_total).toBe(sum(priced.bags.map((bag: any) => bag.discount_total)))
        expect(priced).toMatchObject({ subtotal: 345.47, discount_total: 39.04, total: 306.43 })
      })

      it("never narrows a store-wide code to the merchant given with it (SPEC §5)", async () => {
        const session = await twoBags()
        const priced = await addCode(session.id, { code: "ALL10", merchant_id: "globex" })
        const all10 = discountOf(priced, "ALL10")
        expect(all10).toMatchObject({ status: "APPLIED", merchant_id: null, amount_total: 34.54 })
        expect(all10.allocations).toEqual([
          { line_item_id: priced.bags[0].items[0].id, amount: 29.99 },
          { line_item_id: priced.bags[1].items[0].id, amount: 4.55 },
        ])
      })

      it("keeps a non-combinable store-wide code exclusive in every bag when it is given with a merchant_id", async () => {
        await createCoupons(
          { code: "FIX30", value_type: "fixed", value: 30, currency_code: "usd", combinable: false },
          { code: "BETA15", value_type: "fixed", value: 15, currency_code: "usd", merchant_id: "globex" }
        )
        const plain = await twoBags()
        await addCode(plain.id, { code: "FIX30" })
        const expected = await addCode(plain.id, { code: "BETA15" })
        expect(expected.discount_total).toBe(30)

        const narrowed = await twoBags()
        await addCode(narrowed.id, { code: "FIX30", merchant_id: "acme" })
        const priced = await addCode(narrowed.id, { code: "BETA15" })
        expect(discountOf(priced, "FIX30")).toMatchObject({ status: "APPLIED", merchant_id: null, amount_total: 30 })
        expect(discountOf(priced, "BETA15")).toMatchObject({ status: "NOT_COMBINABLE", amount_total: 0 })
        expect(priced.discount_total).toBe(30)
      })

      it("finds another merchant's code INVALID when given for this merchant", async () => {
        const session = await twoBags()
        const priced = await addCode(session.id, { code: "ACME5", merchant_id: "globex" })
        expect(discountOf(priced, "ACME5")).toMatchObject({
          status: "INVALID",
          amount_total: 0,
          message: 'Coupon code "ACME5" does not exist',
        })
        expect(priced.discount_total).toBe(0)
      })

      it("finds a merchant's code NOT_APPLICABLE while the session has nothing of that merchant", async () => {
        const session = await createSession({ items: [{ variant_id: kettle.variantId, quantity: 1 }] })
        const priced = await addCode(session.id, { code: "ACME5" })
        expect(discountOf(priced, "ACME5")).toMatchObject({
          status: "NOT_APPLICABLE",
          message: "Code ACME5 applies only to items from merchant acme, and the cart has none",
        })
      })
    })

    describe("POST /store/cart-sessions/:id/coupons", () => {
      it("keeps an unknown code in the session as INVALID with a message, without an HTTP error", async () => {
        const session = await tentAndMug()
        const response = await api.post(`${SESSIONS}/${session.id}/coupons`, { code: "NOPE" }, shop.anonymous)
        expect(response.status).toBe(200)
        expect(response.data.cart_session.discounts).toEqual([
          expect.objectContaining({ code: "NOPE", status: "INVALID", amount_total: 0, allocations: [], value: null }),
        ])
        expect(response.data.cart_session.messages).toEqual(['Coupon code "NOPE" does not exist'])
        expect(response.data.cart_session.total).toBe(324.96)
      })

      it("refuses a malformed code with 400 COUPON_CODE_INVALID_FORMAT, and changes nothing", async () => {
        const session = await tentAndMug()
        for (const code of ["bad code!", "", "x".repeat(51)]) {
          const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/coupons`, { code }, shop.anonymous))
          expect(status).toBe(400)
          expect(body).toEqual({
            type: "invalid_data",
            code: "COUPON_CODE_INVALID_FORMAT",
            message: `Field 'code' must be 1 to 50 letters, digits, "_" or "-", got ${JSON.stringify(code)}`,
          })
        }
        expect(await getSession(session.id)).toEqual(session)
      })

      it("does not add a code the session already carries (ignoring case), and leaves the version alone", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent })
        const session = await tentAndMug()
        const first = await addCode(session.id, { code: "SAVE10" })
        const second = await addCode(session.id, { code: "save10" })
        expect(second.discounts).toHaveLength(1)
        expect(second.version).toBe(first.version)
        expect(second.discount_total).toBe(32.49)
      })

      it("refuses more codes than maxCodesPerSession (5) with 400 TOO_MANY_CODES, and changes nothing", async () => {
        const codes = ["ONE", "TWO", "THREE", "FOUR", "FIVE"].map((code) => ({ code }))
        const session = await createSession({ discounts: codes })
        expect(session.discounts).toHaveLength(5)

        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/coupons`, { code: "SIX" }, shop.anonymous))
        expect(status).toBe(400)
        expect(body).toEqual({
          type: "invalid_data",
          code: "TOO_MANY_CODES",
          message: "A cart session may carry at most 5 codes; this one has 5, adding SIX would make 6",
        })
        expect(await getSession(session.id)).toEqual(session)

        const atCreation = await refused(api.post(SESSIONS, { discounts: [...codes, { code: "SIX" }] }, shop.anonymous))
        expect(atCreation.body.code).toBe("TOO_MANY_CODES")
      })

      it("with validate_only previews the saving and changes nothing, not even the version", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent })
        const session = await tentAndMug()
        const response = await api.post(
          `${SESSIONS}/${session.id}/coupons`,
          { code: "SAVE10", validate_only: true, version: 1 },
          shop.anonymous
        )
        expect(response.data.preview).toEqual({
          code: "SAVE10",
          merchant_id: null,
          status: "APPLIED",
          saving: 32.49,
          message: "Code SAVE10 applied: you saved 32.49",
        })
        expect(response.data.cart_session).toEqual(session)
        expect(await getSession(session.id)).toEqual(session)

        const unknown = await api.post(`${SESSIONS}/${session.id}/coupons`, { code: "NOPE", validate_only: true }, shop.anonymous)
        expect(unknown.data.preview).toMatchObject({ status: "INVALID", saving: 0, message: 'Coupon code "NOPE" does not exist' })
        expect(await getSession(session.id)).toEqual(session)
      })
    })

    describe("coupon terms", () => {
      it("convert a fixed amount to the session's currency, and refuse a fixed coupon of another currency as NOT_APPLICABLE", async () => {
        await createCoupons(
          { code: "FIVE", value_type: "fixed", value: 5, currency_code: "usd" },
          { code: "EURO5", value_type: "fixed", value: 5, currency_code: "eur" }
        )
        const session = await tentAndMug()
        await addCode(session.id, { code: "FIVE" })
        const priced = await addCode(session.id, { code: "EURO5" })
        expect(discountOf(priced, "FIVE")).toMatchObject({ status: "APPLIED", value_type: "fixed", value: 5, amount_total: 5 })
        expect(discountOf(priced, "EURO5")).toMatchObject({
          status: "NOT_APPLICABLE",
          amount_total: 0,
          message: "Code EURO5 is valid only for EUR carts, and this cart is in USD",
        })
        expect(priced.discount_total).toBe(5)
      })

      it("hold back a code below its minimum subtotal, and an expired one, each with a message", async () => {
        await createCoupons(
          { code: "BIG50", ...tenPercent, min_subtotal: 500, currency_code: "usd" },
          { code: "OLD", ...tenPercent, ends_at: new Date(Date.now() - 60_000) }
        )
        const priced = await createSession({
          items: [
            { variant_id: tent.variantId, quantity: 1 },
            { variant_id: mug.variantId, quantity: 1 },
          ],
          discounts: [{ code: "BIG50" }, { code: "OLD" }],
        })
        expect(discountOf(priced, "BIG50")).toMatchObject({
          status: "MIN_SUBTOTAL_NOT_MET",
          message: "Code BIG50 requires a subtotal of at least 500.00 (currently 324.96)",
        })
        expect(discountOf(priced, "OLD")).toMatchObject({ status: "EXPIRED", message: expect.stringMatching(/^Coupon code "OLD" expired on /) })
        expect(priced.total).toBe(324.96)
      })

      it("count the per-customer limit for the session's customer", async () => {
        const [once] = await createCoupons({ code: "ONCE", ...tenPercent, usage_limit_per_customer: 1 })
        const customer = await registerCustomer(api, shop.publishableKey, "loyal@example.com")
        await getContainer()
          .resolve<CouponModuleService>(COUPON_MODULE)
          .recordRedemptions([{ coupon_id: once.id, cart_id: "cart_earlier", customer_id: customer.customerId, amount: 3, currency_code: "usd" }])

        const items = [{ variant_id: mug.variantId, quantity: 1 }]
        const owned = await createSession({ items, discounts: [{ code: "ONCE" }] }, customer.headers)
        expect(discountOf(owned, "ONCE")).toMatchObject({ status: "CUSTOMER_LIMIT_REACHED", amount_total: 0 })

        const anonymous = await createSession({ items, discounts: [{ code: "ONCE" }] })
        expect(discountOf(anonymous, "ONCE")).toMatchObject({ status: "APPLIED", amount_total: 2.49 })
      })
    })

    describe("POST /store/cart-sessions/:id/discount-code", () => {
      it("sets the primary code, replaces it, and clears it with null", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent }, { code: "FIVE", value_type: "fixed", value: 5, currency_code: "usd" })
        const session = await tentAndMug()
        const url = `${SESSIONS}/${session.id}/discount-code`

        const first = (await api.post(url, { code: "SAVE10" }, shop.anonymous)).data.cart_session
        expect(first.discounts).toEqual([expect.objectContaining({ code: "SAVE10", is_primary: true, status: "APPLIED" })])

        const replaced = (await api.post(url, { code: "FIVE" }, shop.anonymous)).data.cart_session
        expect(replaced.discounts).toEqual([expect.objectContaining({ code: "FIVE", is_primary: true, amount_total: 5 })])
        expect(replaced.discount_total).toBe(5)

        const cleared = (await api.post(url, { code: null }, shop.anonymous)).data.cart_session
        expect(cleared.discounts).toEqual([])
        expect(cleared.total).toBe(324.96)
        expect(cleared.version).toBe(4)
      })

      it("makes a code the session already carries primary instead of adding it twice", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent })
        const session = await tentAndMug()
        await addCode(session.id, { code: "SAVE10" })
        const promoted = (await api.post(`${SESSIONS}/${session.id}/discount-code`, { code: "save10" }, shop.anonymous)).data.cart_session
        expect(promoted.discounts).toEqual([expect.objectContaining({ code: "SAVE10", is_primary: true })])
      })

      it("refuses a malformed code with 400 COUPON_CODE_INVALID_FORMAT", async () => {
        const session = await tentAndMug()
        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/discount-code`, { code: "no spaces" }, shop.anonymous))
        expect(status).toBe(400)
        expect(body.code).toBe("COUPON_CODE_INVALID_FORMAT")
      })
    })

    describe("removing codes", () => {
      it("DELETE coupons/:code removes a code whatever its case; an unknown code is 404 CART_SESSION_DISCOUNT_NOT_FOUND", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent })
        const session = await tentAndMug()
        await addCode(session.id, { code: "SAVE10" })
        const removed = (await api.delete(`${SESSIONS}/${session.id}/coupons/save10`, shop.anonymous)).data.cart_session
        expect(removed.discounts).toEqual([])
        expect(removed.total).toBe(324.96)

        const { status, body } = await refused(api.delete(`${SESSIONS}/${session.id}/coupons/save10`, shop.anonymous))
        expect(status).toBe(404)
        expect(body).toEqual({
          type: "not_found",
          code: "CART_SESSION_DISCOUNT_NOT_FOUND",
          message: `Code save10 was not found in cart session ${session.id}`,
        })
      })

      it("DELETE discounts/:discount_id removes one discount; an unknown id is 404 CART_SESSION_DISCOUNT_NOT_FOUND", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent }, { code: "FIVE", value_type: "fixed", value: 5, currency_code: "usd" })
        const session = await tentAndMug()
        await addCode(session.id, { code: "SAVE10" })
        const both = await addCode(session.id, { code: "FIVE" })
        const save10 = discountOf(both, "SAVE10")

        const removed = (
          await api.delete(`${SESSIONS}/${session.id}/discounts/${save10.id}`, { ...shop.anonymous, data: { version: both.version } })
        ).data.cart_session
        expect(removed.discounts.map((discount: any) => discount.code)).toEqual(["FIVE"])
        expect(removed.discount_total).toBe(5)

        const { status, body } = await refused(api.delete(`${SESSIONS}/${session.id}/discounts/${save10.id}`, shop.anonymous))
        expect(status).toBe(404)
        expect(body).toMatchObject({ code: "CART_SESSION_DISCOUNT_NOT_FOUND", message: expect.stringContaining(save10.id) })
      })

      it("with a stale version answer 409 VERSION_CONFLICT and keep the code", async () => {
        await createCoupons({ code: "SAVE10", ...tenPercent })
        const session = await tentAndMug()
        const priced = await addCode(session.id, { code: "SAVE10" })
        const { status, body } = await refused(
          api.delete(`${SESSIONS}/${session.id}/coupons/SAVE10`, { ...shop.anonymous, data: { version: 1 } })
        )
        expect(status).toBe(409)
        expect(body.code).toBe("VERSION_CONFLICT")
        expect(await getSession(session.id)).toEqual(priced)
      })
    })
  },
})
