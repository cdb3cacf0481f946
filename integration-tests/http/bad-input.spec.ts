import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { CART_SESSIONS, cartSessionRequests, createProducts, createStorefront, Storefront } from "../helpers/store"

jest.setTimeout(120_000)

/** Input the database cannot take is refused with a 400 naming where it was, never a 500. */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let admin: AdminHeaders
    let variantId: string

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      admin = await createAdminUser(getContainer())
      shop = await createStorefront(getContainer(), { currencies: ["usd"] })
      ;[{ variantId }] = await createProducts(getContainer(), [
        { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: [shop.salesChannelId] },
      ])
    })

    const { create: createSession, get: getSession } = cartSessionRequests(api, () => shop.anonymous)
    const expectNulRefused = (answer: { status: number; body: any }, field: string) => {
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({
        type: "invalid_data",
        code: "INVALID_CHARACTERS",
        message: `Field '${field}' must not contain NUL characters (\\u0000)`,
      })
    }

    describe("NUL characters", () => {
      it("are refused in a store session id, query, and in body fields, and change nothing", async () => {
        const session = await createSession({ items: [{ variant_id: variantId, quantity: 1 }] })

        expectNulRefused(await refused(api.get(`${CART_SESSIONS}/abc%00def`, shop.anonymous)), "path")
        expectNulRefused(await refused(api.get(`${CART_SESSIONS}/${session.id}?fields=%00`, shop.anonymous)), "query")
        expectNulRefused(
          await refused(api.post(CART_SESSIONS, { items: [{ variant_id: "v\u0000", quantity: 1 }] }, shop.anonymous)),
          "items.0.variant_id"
        )
        expectNulRefused(
          await refused(api.post(CART_SESSIONS, { metadata: { note: "x\u0000y" } }, shop.anonymous)),
          "metadata.note"
        )
        expectNulRefused(
          await refused(
            api.post(`${CART_SESSIONS}/${session.id}/coupons`, { code: "SAVE10", merchant_id: "m\u0000" }, shop.anonymous)
          ),
          "merchant_id"
        )
        expectNulRefused(
          await refused(api.post(`${CART_SESSIONS}/${session.id}/add-ons`, { add_on_id: "v\u0000", selected: true }, shop.anonymous)),
          "add_on_id"
        )
        expect(await getSession(session.id)).toEqual(session)
      })

      it("are refused in admin coupon ids, bodies and list filters", async () => {
        expectNulRefused(await refused(api.get("/admin/coupons/abc%00", admin)), "path")
        expectNulRefused(await refused(api.delete("/admin/coupons/abc%00", admin)), "path")
        expectNulRefused(await refused(api.get("/admin/coupons?q=%00", admin)), "query")
        expectNulRefused(await refused(api.get("/admin/merchants?q=%00", admin)), "query")
        expectNulRefused(
          await refused(api.post("/admin/coupons", { code: "NUL", name: "a\u0000", value_type: "percentage", value: 5 }, admin)),
          "name"
        )
        expectNulRefused(
          await refused(api.post("/admin/coupons/generate", { count: 2, value_type: "percentage", value: 5, merchant_id: "m\u0000" }, admin)),
          "merchant_id"
        )
        expect((await api.get("/admin/coupons", admin)).data.count).toBe(0)
      })
    })

    describe("admin coupon fields beyond what the database holds", () => {
      const coupon = (fields: Record<string, unknown>) =>
        refused(api.post("/admin/coupons", { code: "EDGE", value_type: "percentage", value: 10, ...fields }, admin))

      it.each([
        ["usage_limit", { usage_limit: 3e9 }],
        ["usage_limit_per_customer", { usage_limit_per_customer: 3e9 }],
        ["starts_at", { starts_at: "-100000-01-01T00:00:00Z" }],
        ["ends_at", { ends_at: "+275000-01-01T00:00:00Z" }],
        ["starts_at", { starts_at: true }],
        ["starts_at", { starts_at: "not a date" }],
        ["value", { value: 1e-7 }],
        ["min_subtotal", { min_subtotal: 10.00001, currency_code: "usd" }],
      ])("refuse %s with a 400 naming it: %j", async (field, fields) => {
        const { status, body } = await coupon(fields)
        expect(status).toBe(400)
        expect(body.type).toBe("invalid_data")
        expect(body.message).toContain(field)
        expect((await api.get("/admin/coupons", admin)).data.count).toBe(0)
      })

      it("accept the same fields within range", async () => {
        const created = await api.post(
          "/admin/coupons",
          {
            code: "EDGE",
            value_type: "percentage",
            value: 12.5,
            usage_limit: 2_147_483_647,
            starts_at: "2026-01-01T00:00:00Z",
            ends_at: "2099-12-31T23:59:59Z",
          },
          admin
        )
        expect(created.data.coupon).toMatchObject({ value: 12.5, usage_limit: 2_147_483_647 })
      })

      it("refuse an update beyond range too", async () => {
        const created = await api.post("/admin/coupons", { code: "EDGE", value_type: "percentage", value: 10 }, admin)
        const { status, body } = await refused(
          api.post(`/admin/coupons/${created.data.coupon.id}`, { usage_limit: 3e9 }, admin)
        )
        expect(status).toBe(400)
        expect(body.message).toContain("usage_limit")
      })
    })

    describe("admin list parameters", () => {
      it.each(["/admin/coupons", "/admin/merchants"])("%s refuses a negative limit or offset with a 400", async (path) => {
        for (const query of ["limit=-1", "offset=-1", "limit=0"]) {
          const { status, body } = await refused(api.get(`${path}?${query}`, admin))
          expect(status).toBe(400)
          expect(body.message).toContain(query.split("=")[0])
        }
      })

      it("refuses ordering merchants by an unknown field with a 400", async () => {
        const { status } = await refused(api.get("/admin/merchants?order=nope", admin))
        expect(status).toBe(400)
        const ordered = await api.get("/admin/merchants?order=-handle", admin)
        expect(ordered.status).toBe(200)
      })
    })
  },
})
