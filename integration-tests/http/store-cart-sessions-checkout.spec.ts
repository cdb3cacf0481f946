import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { updateProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { eventually } from "../helpers/wait"
import {
  CART_SESSIONS as SESSIONS,
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  Storefront,
} from "../helpers/store"
import { forceCartSessionState } from "../helpers/sessions"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let tent: CreatedProduct
    let mug: CreatedProduct

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      shop = await createStorefront(container, { currencies: ["usd"] })
      ;[tent, mug] = await createProducts(container, [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: [shop.salesChannelId] },
        { title: "Camp mug", merchant: "acme", prices: { usd: 24.99 }, salesChannelIds: [shop.salesChannelId] },
      ])
      await container
        .resolve<CouponModuleService>(COUPON_MODULE)
        .createCoupons({ code: "SAVE10", value_type: "percentage", value: 10 })
    })

    const { create: createSession, get: getSession, post } = cartSessionRequests(api, () => shop.anonymous)
    /** The plugin's markCartSessionsPendingWorkflow, as the host registered it (subscribers run it so). */
    const markPending = (input: Record<string, string[]>) =>
      getContainer().resolve(Modules.WORKFLOW_ENGINE).run("mark-cart-sessions-pending", { input })
    const withSave10 = () =>
      createSession({ items: [{ variant_id: tent.variantId, quantity: 1 }], discounts: [{ code: "SAVE10" }] })

    describe("the convert gate", () => {
      it("refuses to convert while a code is PENDING (409 CART_SESSION_DISCOUNT_PENDING), and converts once priced", async () => {
        const session = await withSave10()
        expect(session.discount_total).toBe(29.99)

        const { result: marked } = await markPending({ codes: ["save10"] })
        expect(marked).toEqual([session.id])
        const pending = await getSession(session.id)
        expect(pending).toMatchObject({ priced: false, version: session.version + 1, discount_total: 0, total: 299.97 })
        expect(pending.discounts[0]).toMatchObject({
          status: "PENDING",
          amount_total: 0,
          allocations: [],
          message: "Code SAVE10 is waiting to be priced",
        })

        const { status, body } = await refused(api.post(`${SESSIONS}/${session.id}/convert`, {}, shop.anonymous))
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "CART_SESSION_DISCOUNT_PENDING",
          message: `Cart session ${session.id} has codes waiting to be priced (SAVE10): price it (POST /store/cart-sessions/${session.id}/price) and convert again`,
        })
        expect(await getSession(session.id)).toEqual(pending)

        const priced = await post(`${session.id}/price`)
        expect(priced).toMatchObject({ priced: true, version: pending.version + 1, discount_total: 29.99 })
        expect(priced.discounts[0].status).toBe("APPLIED")

        const converted = await post(`${session.id}/convert`, { version: priced.version })
        expect(converted).toMatchObject({ status: "converted", version: priced.version + 1, converted_cart_id: expect.stringMatching(/^cart_/) })
      })

      it("refuses to convert a session that is not open (409 CART_SESSION_NOT_OPEN) or at another version (409 VERSION_CONFLICT)", async () => {
        const session = await withSave10()
        const stale = await refused(api.post(`${SESSIONS}/${session.id}/convert`, { version: 99 }, shop.anonymous))
        expect(stale.status).toBe(409)
        expect(stale.body.code).toBe("VERSION_CONFLICT")

        await forceCartSessionState(getContainer(), session.id, { status: "cancelled" })
        const closed = await refused(api.post(`${SESSIONS}/${session.id}/convert`, {}, shop.anonymous))
        expect(closed.status).toBe(409)
        expect(closed.body).toEqual({
          type: "conflict",
          code: "CART_SESSION_NOT_OPEN",
          message: `Cart session ${session.id} is cancelled and can no longer be changed`,
        })
      })

      it("ends the session: a later change is refused with 409 CART_SESSION_NOT_OPEN and changes nothing", async () => {
        const session = await withSave10()
        const converted = await post(`${session.id}/convert`)
        expect(converted).toMatchObject({ status: "converted", converted_cart_id: expect.stringMatching(/^cart_/) })
        const { status, body } = await refused(
          api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: mug.variantId, quantity: 1 }, shop.anonymous)
        )
        expect([status, body.code]).toEqual([409, "CART_SESSION_NOT_OPEN"])
        expect(await getSession(session.id)).toEqual(converted)
      })
    })

    describe("markCartSessionsPendingWorkflow", () => {
      it("matches open sessions by id, code, variant or product (with or without codes), and leaves sessions not open alone", async () => {
        const withCode = await withSave10()
        const withoutCode = await createSession({ items: [{ variant_id: tent.variantId, quantity: 1 }] })
        const otherProduct = await createSession({ items: [{ variant_id: mug.variantId, quantity: 1 }], discounts: [{ code: "SAVE10" }] })
        const closed = await withSave10()
        await forceCartSessionState(getContainer(), closed.id, { status: "converted" })

        expect((await markPending({ variant_ids: [tent.variantId] })).result).toEqual([withCode.id, withoutCode.id].sort())
        expect((await markPending({ product_ids: [mug.productId] })).result).toEqual([otherProduct.id])
        expect((await markPending({ cart_session_ids: [withCode.id, otherProduct.id, withoutCode.id] })).result).toEqual([])
        expect((await markPending({})).result).toEqual([])

        // A price change reaches a session without codes too: its prices are stale until priced again.
        expect(await getSession(withoutCode.id)).toEqual({ ...withoutCode, priced: false, version: withoutCode.version + 1, updated_at: expect.any(String) })
        expect((await getSession(closed.id)).priced).toBe(true)
      })
    })

    describe("POST /store/cart-sessions/:id/price", () => {
      it("takes the host's current price for every line, and bumps the version only when something changed", async () => {
        const session = await createSession({ items: [{ variant_id: tent.variantId, quantity: 2 }] })
        const withoutBody = await api.post(`${SESSIONS}/${session.id}/price`, undefined, shop.anonymous)
        expect(withoutBody.status).toBe(200)
        expect(withoutBody.data.cart_session.version).toBe(session.version)

        await updateProductVariantsWorkflow(getContainer()).run({
          input: { selector: { id: tent.variantId }, update: { prices: [{ currency_code: "usd", amount: 279.995 }] } },
        })
        // The variant's update put the session back to unpriced (version + 1) before the shopper asks.
        const marked = await eventually(() => getSession(session.id), (current) => current.priced === false)
        expect(marked.version).toBe(session.version + 1)
        const repriced = await post(`${session.id}/price`)
        expect(repriced.bags[0].items[0]).toMatchObject({ unit_price: 280, subtotal: 560 })
        expect(repriced).toMatchObject({ priced: true, version: marked.version + 1 })
      })
    })

    describe("concurrent changes", () => {
      it("keep every one of 10 parallel adds of different variants: 10 lines, version + 10", async () => {
        const products = await createProducts(
          getContainer(),
          Array.from({ length: 10 }, (_, index) => ({
            title: `Sticker ${index}`,
            merchant: index % 2 ? "acme" : "globex",
            prices: { usd: 1 + index },
            salesChannelIds: [shop.salesChannelId],
          }))
        )
        const session = await withSave10()
        const responses = await Promise.all(
          products.map((product) =>
            api.post(`${SESSIONS}/${session.id}/line-items`, { variant_id: product.variantId, quantity: 1 }, shop.anonymous)
          )
        )
        expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200))

        const final = await getSession(session.id)
        const lines = final.bags.flatMap((bag: any) => bag.items)
        expect(lines).toHaveLength(11)
        expect(new Set(lines.map((line: any) => line.variant_id))).toEqual(
          new Set([tent.variantId, ...products.map((product) => product.variantId)])
        )
        expect(final.version).toBe(session.version + 10)
        expect(final.subtotal).toBe(354.97)
        expect(final.discounts[0]).toMatchObject({ status: "APPLIED", amount_total: 35.49 })
      })

      it("carrying the same version let exactly one through; the others get 409 VERSION_CONFLICT", async () => {
        const session = await createSession()
        const attempts = await Promise.all(
          [tent, mug, tent, mug, tent].map((product) =>
            api
              .post(`${SESSIONS}/${session.id}/line-items`, { variant_id: product.variantId, quantity: 1, version: 1 }, shop.anonymous)
              .then((response) => ({ status: response.status, code: undefined }))
              .catch((error) => ({ status: error.response.status, code: error.response.data.code }))
          )
        )
        expect(attempts.filter((attempt) => attempt.status === 200)).toHaveLength(1)
        expect(attempts.filter((attempt) => attempt.code === "VERSION_CONFLICT")).toHaveLength(4)
        const final = await getSession(session.id)
        expect(final.version).toBe(2)
        expect(final.bags[0].items).toHaveLength(1)
      })
    })
  },
})
