import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminUser, AdminHeaders } from "../helpers/admin"
import { listenToEvents, HeardEvent } from "../helpers/events"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { eventually } from "../helpers/wait"

jest.setTimeout(120_000)

const tenPercent = { value_type: "percentage", value: 10 }

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    let heard: HeardEvent[]

    beforeAll(() => {
      heard = listenToEvents(getContainer(), ["coupon.created", "coupon.updated", "coupon.deleted"])
    })

    beforeEach(async () => {
      heard.length = 0
      admin = await createAdminUser(getContainer())
    })

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", body, admin)).data.coupon

    describe("admin authentication", () => {
      it.each([
        ["GET", "/admin/coupons"],
        ["POST", "/admin/coupons"],
        ["GET", "/admin/coupons/cpn_1"],
        ["POST", "/admin/coupons/cpn_1"],
        ["DELETE", "/admin/coupons/cpn_1"],
        ["POST", "/admin/coupons/generate"],
      ])("is required for %s %s (401 without it)", async (method, path) => {
        const request =
          method === "GET" ? api.get(path) : method === "DELETE" ? api.delete(path) : api.post(path, {})
        expect((await refused(request)).status).toBe(401)
      })
    })

    describe("POST /admin/coupons", () => {
      it("creates a coupon and answers it with its usage_count and defaults", async () => {
        const response = await api.post(
          "/admin/coupons",
          { code: "Summer10", name: "Summer sale", merchant_id: "acme", ...tenPercent },
          admin
        )
        expect(response.status).toBe(200)
        expect(response.data.coupon).toEqual({
          id: expect.stringMatching(/^cpn_/),
          code: "Summer10",
          name: "Summer sale",
          merchant_id: "acme",
          value_type: "percentage",
          value: 10,
          currency_code: null,
          starts_at: null,
          ends_at: null,
          min_subtotal: null,
          usage_limit: null,
          usage_limit_per_customer: null,
          usage_count: 0,
          combinable: true,
          priority: 0,
          is_active: true,
          type: "standard",
          target_type: "items",
          allocation: null,
          max_quantity: null,
          rules: null,
          target_rules: null,
          buy_rules: null,
          buy_rules_min_quantity: null,
          apply_to_quantity: null,
          is_automatic: false,
          rules_description: [],
          metadata: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        })
      })

      it("keeps a fixed value and minimum subtotal in major units, with the currency", async () => {
        const terms = {
          value_type: "fixed",
          value: 12.5,
          min_subtotal: 40.99,
          starts_at: "2026-06-01T00:00:00.000Z",
          ends_at: "2026-07-01T00:00:00.000Z",
          usage_limit: 100,
          usage_limit_per_customer: 1,
          combinable: false,
          priority: 5,
        }
        const coupon = await createCoupon({ code: "FIVE", currency_code: "EUR", ...terms })
        expect(coupon).toMatchObject({ currency_code: "eur", ...terms })
      })

      it.each([
        ["a missing value_type", { code: "A1", value: 10 }, "value_type"],
        ["an unknown field", { code: "A1", ...tenPercent, usage_count: 3 }, "usage_count"],
        ["a value that is not a number", { code: "A1", value_type: "percentage", value: "ten" }, "value"],
        ["a zero value", { code: "A1", value_type: "percentage", value: 0 }, "value"],
        ["a percentage over 100", { code: "A1", value_type: "percentage", value: 100.5 }, "value"],
        ["a fixed value without currency", { code: "A1", value_type: "fixed", value: 5 }, "currency_code"],
        ["a min_subtotal without currency", { code: "A1", ...tenPercent, min_subtotal: 20 }, "currency_code"],
        ["an unknown currency", { code: "A1", value_type: "fixed", value: 5, currency_code: "xyz" }, "currency_code"],
        ["a fixed value finer than cents", { code: "A1", value_type: "fixed", value: 5.005, currency_code: "usd" }, "value"],
        ["ends_at before starts_at", { code: "A1", ...tenPercent, starts_at: "2026-02-01", ends_at: "2026-01-01" }, "ends_at"],
        ["a date that is not a date", { code: "A1", ...tenPercent, starts_at: "soon" }, "starts_at"],
        ["a usage_limit of 0", { code: "A1", ...tenPercent, usage_limit: 0 }, "usage_limit"],
        ["a fractional usage_limit_per_customer", { code: "A1", ...tenPercent, usage_limit_per_customer: 1.5 }, "usage_limit_per_customer"],
      ])("refuses %s with a 400 naming the field", async (_, body, field) => {
        const { status, body: error } = await refused(api.post("/admin/coupons", body, admin))
        expect(status).toBe(400)
        expect(error.type).toBe("invalid_data")
        expect(error.message).toContain(`'${field}'`)
        expect((await api.get("/admin/coupons", admin)).data.count).toBe(0)
      })

      it("refuses a malformed code with 400 COUPON_CODE_INVALID_FORMAT", async () => {
        const { status, body } = await refused(api.post("/admin/coupons", { code: "SUMMER 10!", ...tenPercent }, admin))
        expect(status).toBe(400)
        expect(body).toEqual({
          type: "invalid_data",
          code: "COUPON_CODE_INVALID_FORMAT",
          message: `Field 'code' must be 1 to 50 letters, digits, "_" or "-", got "SUMMER 10!"`,
        })
      })

      it("refuses the same code in another case for the same merchant with 409 COUPON_CODE_TAKEN", async () => {
        await createCoupon({ code: "WELCOME", merchant_id: "acme", ...tenPercent })
        const { status, body } = await refused(
          api.post("/admin/coupons", { code: "welcome", merchant_id: "acme", ...tenPercent }, admin)
        )
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "COUPON_CODE_TAKEN",
          message: 'Coupon code "welcome" is already taken for merchant "acme" (codes are compared ignoring case)',
        })
      })

      it("accepts the same code for another merchant and store-wide", async () => {
        await createCoupon({ code: "WELCOME", merchant_id: "acme", ...tenPercent })
        await createCoupon({ code: "welcome", merchant_id: "globex", ...tenPercent })
        await createCoupon({ code: "Welcome", ...tenPercent })
        expect((await api.get("/admin/coupons?q=welcome", admin)).data.count).toBe(3)
      })

      it("answers the fields asked for", async () => {
        const response = await api.post("/admin/coupons?fields=id,code", { code: "SLIM", ...tenPercent }, admin)
        expect(Object.keys(response.data.coupon).sort()).toEqual(["code", "id"])
      })
    })

    describe("GET /admin/coupons", () => {
      beforeEach(async () => {
        await createCoupon({ code: "ALPHA", name: "Spring promo", merchant_id: "acme", ...tenPercent })
        await createCoupon({ code: "BRAVO", merchant_id: "globex", ...tenPercent, is_active: false })
        await createCoupon({ code: "CHARLIE", name: "Spring clearance", ...tenPercent })
        await createCoupon({ code: "DELTA-spring", merchant_id: "acme", ...tenPercent })
      })

      const codesOf = (data: { coupons: { code: string }[] }) => data.coupons.map((coupon) => coupon.code)

      it("lists every coupon with its usage_count, newest first, with count, limit and offset", async () => {
        const { data } = await api.get("/admin/coupons", admin)
        expect(data).toMatchObject({ count: 4, limit: 50, offset: 0 })
        expect(codesOf(data)).toEqual(["DELTA-spring", "CHARLIE", "BRAVO", "ALPHA"])
        data.coupons.forEach((coupon: any) => expect(coupon.usage_count).toBe(0))
      })

      it("pages with limit and offset in the requested order", async () => {
        const { data } = await api.get("/admin/coupons?order=code&limit=2&offset=1", admin)
        expect(data).toMatchObject({ count: 4, limit: 2, offset: 1 })
        expect(codesOf(data)).toEqual(["BRAVO", "CHARLIE"])
      })

      it("searches code and name ignoring case with q", async () => {
        const { data } = await api.get("/admin/coupons?q=SPRING&order=code", admin)
        expect(codesOf(data)).toEqual(["ALPHA", "CHARLIE", "DELTA-spring"])
      })

      it("filters by merchant_id and by is_active", async () => {
        const acme = (await api.get("/admin/coupons?merchant_id=acme&order=code", admin)).data
        expect(codesOf(acme)).toEqual(["ALPHA", "DELTA-spring"])
        const inactive = (await api.get("/admin/coupons?is_active=false", admin)).data
        expect(codesOf(inactive)).toEqual(["BRAVO"])
        const both = (await api.get("/admin/coupons?merchant_id[]=acme&merchant_id[]=globex&is_active=true&order=code", admin)).data
        expect(codesOf(both)).toEqual(["ALPHA", "DELTA-spring"])
      })

      it("returns the fields asked for (and the id), leaving out fields that are not allowed", async () => {
        const { data } = await api.get("/admin/coupons?fields=code,usage_count,raw_value&order=code&limit=1", admin)
        expect(data.coupons).toEqual([{ id: expect.any(String), code: "ALPHA", usage_count: 0 }])
      })

      it.each([
        ["is_active=maybe", "is_active"],
        ["limit=many", "limit"],
        ["order=secret_column", "secret_column"],
      ])("refuses ?%s with a 400 naming it", async (queryString, named) => {
        const { status, body } = await refused(api.get(`/admin/coupons?${queryString}`, admin))
        expect(status).toBe(400)
        expect(body.message).toContain(named)
      })
    })

    describe("GET /admin/coupons/:id", () => {
      it("answers the coupon", async () => {
        const created = await createCoupon({ code: "FETCH", ...tenPercent })
        const { data } = await api.get(`/admin/coupons/${created.id}`, admin)
        expect(data.coupon).toMatchObject({ id: created.id, code: "FETCH", usage_count: 0 })
      })

      it("answers 404 COUPON_NOT_FOUND for an unknown id", async () => {
        const { status, body } = await refused(api.get("/admin/coupons/cpn_missing", admin))
        expect(status).toBe(404)
        expect(body).toEqual({ type: "not_found", code: "COUPON_NOT_FOUND", message: "Coupon cpn_missing was not found" })
      })
    })

    describe("POST /admin/coupons/:id", () => {
      it("changes the given fields and keeps the others", async () => {
        const created = await createCoupon({ code: "EDIT", name: "Before", ...tenPercent })
        const { data } = await api.post(
          `/admin/coupons/${created.id}`,
          { code: "Edited", value: 15, is_active: false, ends_at: "2030-01-01T00:00:00.000Z" },
          admin
        )
        expect(data.coupon).toMatchObject({
          id: created.id,
          code: "Edited",
          name: "Before",
          value: 15,
          is_active: false,
          ends_at: "2030-01-01T00:00:00.000Z",
        })
      })

      it("refuses a code another coupon of the merchant has, with 409 COUPON_CODE_TAKEN, and changes nothing", async () => {
        await createCoupon({ code: "KEEP", merchant_id: "acme", ...tenPercent })
        const other = await createCoupon({ code: "OTHER", merchant_id: "acme", ...tenPercent })
        const { status, body } = await refused(
          api.post(`/admin/coupons/${other.id}`, { code: "keep", value: 20 }, admin)
        )
        expect(status).toBe(409)
        expect(body).toEqual({
          type: "conflict",
          code: "COUPON_CODE_TAKEN",
          message: 'Coupon code "keep" is already taken for merchant "acme" (codes are compared ignoring case)',
        })
        expect((await api.get(`/admin/coupons/${other.id}`, admin)).data.coupon).toMatchObject({
          code: "OTHER",
          value: 10,
        })
      })

      it("re-checks a new code's format", async () => {
        const created = await createCoupon({ code: "FORMAT", ...tenPercent })
        const { status, body } = await refused(api.post(`/admin/coupons/${created.id}`, { code: "" }, admin))
        expect(status).toBe(400)
        expect(body.code).toBe("COUPON_CODE_INVALID_FORMAT")
      })

      it.each([
        ["a value over 100 for a stored percentage coupon", { value: 150 }, "value"],
        ["a switch to fixed without a currency", { value_type: "fixed" }, "currency_code"],
        ["an ends_at before the stored starts_at", { ends_at: "2026-01-01T00:00:00.000Z" }, "ends_at"],
        ["an unknown field", { usage_count: 0 }, "usage_count"],
      ])("refuses %s with a 400 naming the field, checked against the stored coupon", async (_, body, field) => {
        const created = await createCoupon({ code: "WHOLE", ...tenPercent, starts_at: "2026-06-01T00:00:00.000Z" })
        const { status, body: error } = await refused(api.post(`/admin/coupons/${created.id}`, body, admin))
        expect(status).toBe(400)
        expect(error.message).toContain(`'${field}'`)
        expect((await api.get(`/admin/coupons/${created.id}`, admin)).data.coupon).toMatchObject({
          value_type: "percentage",
          value: 10,
          ends_at: null,
        })
      })

      it("answers 404 COUPON_NOT_FOUND for an unknown id", async () => {
        const { status, body } = await refused(api.post("/admin/coupons/cpn_missing", { value: 5 }, admin))
        expect(status).toBe(404)
        expect(body).toEqual({ type: "not_found", code: "COUPON_NOT_FOUND", message: "Coupon cpn_missing was not found" })
      })
    })

    describe("shipping coupons (target_type)", () => {
      const freeShipping = { value_type: "percentage", value: 100, target_type: "shipping_methods" }
      const anyProduct = [{ attribute: "items.product.id", operator: "in", values: ["prod_x"] }]

      it("creates a coupon that discounts shipping, answered with its target_type and in words", async () => {
        const coupon = await createCoupon({ code: "FREESHIP", ...freeShipping })
        expect(coupon).toMatchObject({ code: "FREESHIP", target_type: "shipping_methods", rules_description: ["Discounts shipping."] })
        const { data } = await api.get(`/admin/coupons/${coupon.id}`, admin)
        expect(data.coupon).toMatchObject({ target_type: "shipping_methods", rules_description: ["Discounts shipping."] })
        const listed = (await api.get("/admin/coupons?fields=code,target_type", admin)).data.coupons
        expect(listed).toEqual([{ id: coupon.id, code: "FREESHIP", target_type: "shipping_methods" }])
      })

      it("takes a fixed amount off shipping, in the coupon's currency, for one merchant", async () => {
        const coupon = await createCoupon({
          code: "SHIP5",
          merchant_id: "acme",
          value_type: "fixed",
          value: 5,
          currency_code: "usd",
          target_type: "shipping_methods",
        })
        expect(coupon).toMatchObject({ merchant_id: "acme", value: 5, currency_code: "usd", target_type: "shipping_methods", allocation: null })
      })

      it.each([
        ["target_rules", { target_rules: anyProduct }, "Field 'target_rules' must be empty when 'target_type' is 'shipping_methods'"],
        ["buy_rules", { buy_rules: anyProduct }, "Field 'buy_rules' is only for a buy X get Y coupon"],
        [
          "type buyget",
          { type: "buyget", buy_rules: anyProduct, target_rules: anyProduct, buy_rules_min_quantity: 2, apply_to_quantity: 1, max_quantity: 1 },
          "Field 'target_type' must be 'items' for a buy X get Y coupon",
        ],
        ["allocation each", { allocation: "each", max_quantity: 2 }, "Field 'allocation' must be 'across' when 'target_type' is 'shipping_methods'"],
        ["allocation once", { allocation: "once", max_quantity: 2 }, "Field 'allocation' must be 'across' when 'target_type' is 'shipping_methods'"],
        ["an unknown target_type", { target_type: "shipping" }, "'target_type'"],
      ])("refuses a shipping coupon with %s: 400 invalid_data naming the field, and creates nothing", async (_, body, words) => {
        const { status, body: error } = await refused(api.post("/admin/coupons", { code: "SHIPBAD", ...freeShipping, ...body }, admin))
        expect(status).toBe(400)
        expect(error.type).toBe("invalid_data")
        expect(error.message).toContain(words)
        expect((await api.get("/admin/coupons", admin)).data.count).toBe(0)
      })

      it("turns an items coupon into a shipping coupon and back", async () => {
        const created = await createCoupon({ code: "SWITCH", ...tenPercent })
        const toShipping = await api.post(`/admin/coupons/${created.id}`, { target_type: "shipping_methods" }, admin)
        expect(toShipping.data.coupon).toMatchObject({ value: 10, target_type: "shipping_methods", rules_description: ["Discounts shipping."] })
        const toItems = await api.post(`/admin/coupons/${created.id}`, { target_type: "items" }, admin)
        expect(toItems.data.coupon).toMatchObject({ target_type: "items", rules_description: [] })
      })

      it("refuses an update that would leave a shipping coupon with item fields, checked against the stored coupon, and changes nothing", async () => {
        const counted = await createCoupon({ code: "EACH", ...tenPercent, allocation: "each", max_quantity: 2 })
        const toShipping = await refused(api.post(`/admin/coupons/${counted.id}`, { target_type: "shipping_methods" }, admin))
        expect(toShipping.status).toBe(400)
        expect(toShipping.body.message).toContain("Field 'allocation' must be 'across' when 'target_type' is 'shipping_methods'")
        expect((await api.get(`/admin/coupons/${counted.id}`, admin)).data.coupon).toMatchObject({ target_type: "items", allocation: "each" })

        const shipping = await createCoupon({ code: "SHIPKEEP", ...freeShipping })
        const { status, body } = await refused(api.post(`/admin/coupons/${shipping.id}`, { allocation: "once", max_quantity: 1 }, admin))
        expect(status).toBe(400)
        expect(body).toMatchObject({ type: "invalid_data", message: expect.stringContaining("Field 'allocation' must be 'across'") })
        expect((await api.get(`/admin/coupons/${shipping.id}`, admin)).data.coupon).toMatchObject({
          target_type: "shipping_methods",
          allocation: null,
          max_quantity: null,
        })
      })

      it("generates shipping coupons with the template's target_type, and refuses a template with target rules creating none", async () => {
        const { data } = await api.post("/admin/coupons/generate", { prefix: "SHIP-", count: 3, ...freeShipping }, admin)
        expect(data.count).toBe(3)
        for (const { id } of data.coupons) {
          expect((await api.get(`/admin/coupons/${id}`, admin)).data.coupon).toMatchObject({ target_type: "shipping_methods" })
        }
        const { status, body } = await refused(
          api.post("/admin/coupons/generate", { prefix: "NOPE-", count: 2, ...freeShipping, target_rules: anyProduct }, admin)
        )
        expect(status).toBe(400)
        expect(body.type).toBe("invalid_data")
        expect(body.message).toContain("Field 'target_rules' must be empty when 'target_type' is 'shipping_methods'")
        expect((await api.get("/admin/coupons?q=NOPE-", admin)).data.count).toBe(0)
      })
    })

    describe("DELETE /admin/coupons/:id", () => {
      it("soft-deletes the coupon, answering like the host, and frees its code", async () => {
        const created = await createCoupon({ code: "BYE", ...tenPercent })
        const { data } = await api.delete(`/admin/coupons/${created.id}`, admin)
        expect(data).toEqual({ id: created.id, object: "coupon", deleted: true })

        expect((await refused(api.get(`/admin/coupons/${created.id}`, admin))).status).toBe(404)
        expect((await api.get("/admin/coupons", admin)).data.count).toBe(0)
        const deleted = (await api.get("/admin/coupons?with_deleted=true&fields=id,deleted_at", admin)).data
        expect(deleted.coupons).toEqual([{ id: created.id, deleted_at: expect.any(String) }])
        await createCoupon({ code: "bye", ...tenPercent })
      })

      it("answers 404 COUPON_NOT_FOUND for an unknown or already deleted id", async () => {
        const created = await createCoupon({ code: "TWICE", ...tenPercent })
        await api.delete(`/admin/coupons/${created.id}`, admin)
        const { status, body } = await refused(api.delete(`/admin/coupons/${created.id}`, admin))
        expect(status).toBe(404)
        expect(body).toEqual({
          type: "not_found",
          code: "COUPON_NOT_FOUND",
          message: `Coupon ${created.id} was not found`,
        })
      })
    })

    describe("events on the host's bus", () => {
      it("coupon.created, coupon.updated and coupon.deleted reach a subscriber with the coupon's id", async () => {
        const created = await createCoupon({ code: "HEARD", ...tenPercent })
        await api.post(`/admin/coupons/${created.id}`, { value: 20 }, admin)
        await api.delete(`/admin/coupons/${created.id}`, admin)

        await eventually(
          async () => heard.length,
          (count) => count >= 3
        )
        expect(heard).toEqual([
          { name: "coupon.created", id: created.id },
          { name: "coupon.updated", id: created.id },
          { name: "coupon.deleted", id: created.id },
        ])
      })

      it("are not emitted for a refused change", async () => {
        await refused(api.post("/admin/coupons", { code: "bad code", ...tenPercent }, admin))
        await refused(api.delete("/admin/coupons/cpn_missing", admin))
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(heard).toEqual([])
      })
    })
  },
})
