import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminUser, AdminHeaders } from "../helpers/admin"
import { listenToEvents, HeardEvent } from "../helpers/events"
import { refused } from "../helpers/http"
import { hostDirectory } from "../helpers/host"
import { CART_SESSIONS, cartSessionRequests, createProducts, createStorefront } from "../helpers/store"
import { eventually } from "../helpers/wait"

jest.setTimeout(180_000)

const template = { value_type: "fixed", value: 5, currency_code: "usd", merchant_id: "acme", usage_limit: 1 }

type CouponEventData = { id?: string; ids?: string[] }

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    let heard: HeardEvent<CouponEventData>[]

    beforeAll(() => {
      heard = listenToEvents<CouponEventData>(getContainer(), ["coupon.created", "coupon.generated"])
    })

    beforeEach(async () => {
      heard.length = 0
      admin = await createAdminUser(getContainer())
    })

    const countCoupons = async () => (await api.get("/admin/coupons?limit=1", admin)).data.count
    /** Live coupons whose code is like `pattern`, counted in the database. */
    const couponRows = async (pattern: string) => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await knex.raw("select count(*)::int as count from coupon where code like ? and deleted_at is null", [pattern])
      return rows[0].count
    }

    describe("POST /admin/coupons/generate", () => {
      it("creates count coupons with unique codes of prefix and random upper-case letters and digits", async () => {
        const { status, data } = await api.post(
          "/admin/coupons/generate",
          { prefix: "BF25-", count: 500, length: 10, ...template },
          admin
        )
        expect(status).toBe(200)
        expect(data.count).toBe(500)
        expect(data.coupons).toHaveLength(500)
        const codes: string[] = data.coupons.map((coupon: { code: string }) => coupon.code)
        codes.forEach((code) => expect(code).toMatch(/^BF25-[A-Z0-9]{10}$/))
        expect(new Set(codes.map((code) => code.toLowerCase())).size).toBe(500)
        expect(await countCoupons()).toBe(500)
      })

      it("gives every generated coupon the template's terms", async () => {
        const { data } = await api.post(
          "/admin/coupons/generate",
          { count: 3, ...template, name: "Flyer", ends_at: "2030-01-01T00:00:00.000Z" },
          admin
        )
        const { coupon } = (await api.get(`/admin/coupons/${data.coupons[0].id}`, admin)).data
        expect(coupon).toMatchObject({
          code: data.coupons[0].code,
          name: "Flyer",
          merchant_id: "acme",
          value_type: "fixed",
          value: 5,
          currency_code: "usd",
          usage_limit: 1,
          usage_count: 0,
          ends_at: "2030-01-01T00:00:00.000Z",
        })
        expect(data.coupons[0].code).toMatch(/^[A-Z0-9]{8}$/)
      })

      it("emits one coupon.generated naming every generated coupon, and no coupon.created", async () => {
        const { data } = await api.post("/admin/coupons/generate", { count: 25, ...template }, admin)
        await eventually(
          async () => heard.length,
          (count) => count >= 1
        )
        // Events of one workflow are released together: give any stray coupon.created its moment.
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(heard.map((event) => event.name)).toEqual(["coupon.generated"])
        expect([...heard[0].ids!].sort()).toEqual(data.coupons.map((coupon: { id: string }) => coupon.id).sort())
      })

      it.each([
        ["a fixed template without currency", { count: 5, value_type: "fixed", value: 5 }, "currency_code"],
        ["a count over 100,000", { count: 100_001, ...template }, "count"],
        ["a count of 0", { count: 0, ...template }, "count"],
        ["a prefix and length over 50 characters", { prefix: "P".repeat(40), length: 11, count: 1, ...template }, "length"],
        ["a length under 4", { length: 3, count: 1, ...template }, "length"],
        ["a prefix with a space", { prefix: "BLACK FRIDAY", count: 1, ...template }, "prefix"],
        ["a code in the template", { code: "X", count: 1, ...template }, "code"],
      ])("refuses %s with a 400 naming the field and creates nothing", async (_, body, field) => {
        const { status, body: error } = await refused(api.post("/admin/coupons/generate", body, admin))
        expect(status).toBe(400)
        expect(error.message).toContain(`'${field}'`)
        expect(await countCoupons()).toBe(0)
      })

      it("creates all 100,000 codes of the largest batch in one request, while admin and store reads keep answering 200", async () => {
        const container = getContainer()
        const shop = await createStorefront(container)
        const [tent] = await createProducts(container, [
          { title: "Trail tent", merchant: "acme", prices: { usd: 120 }, salesChannelIds: [shop.salesChannelId] },
        ])
        const session = await cartSessionRequests(api, () => shop.anonymous).create({
          items: [{ variant_id: tent.variantId, quantity: 1 }],
          discounts: [{ code: "NOT_GENERATED" }],
        })
        const reads: Record<string, () => Promise<{ status: number }>> = {
          "GET /admin/coupons": () => api.get("/admin/coupons?limit=20", admin),
          "GET /store/cart-sessions/:id": () => api.get(`${CART_SESSIONS}/${session.id}`, shop.anonymous),
          "GET /store/products": () => api.get("/store/products?limit=20", shop.anonymous),
        }
        const refusals: string[] = []
        let answered = 0
        const readAllAtOnce = () =>
          Promise.all(
            Object.entries(reads).map(async ([name, read]) => {
              const status = await read().then(
                (response) => response.status,
                (error) => error?.response?.status ?? String(error)
              )
              answered++
              if (status !== 200) {
                refusals.push(`${name}: ${status}`)
              }
            })
          )

        const started = Date.now()
        let generating = true
        const generation = api
          .post("/admin/coupons/generate", { prefix: "BULK", count: 100_000, length: 8, value_type: "percentage", value: 5 }, admin)
          .finally(() => (generating = false))
        while (generating) {
          await readAllAtOnce()
        }
        const { data } = await generation
        console.log(`generated 100,000 coupon codes in ${((Date.now() - started) / 1000).toFixed(1)} s`)

        // The batch's event is handled after the response: keep reading while it is.
        await eventually(
          async () => heard.some((event) => event.name === "coupon.generated"),
          (generated) => generated
        )
        for (let round = 0; round < 20; round++) {
          await readAllAtOnce()
        }
        console.log(`${answered} concurrent reads during and after the generation`)

        expect(refusals).toEqual([])
        expect(data.count).toBe(100_000)
        expect(new Set(data.coupons.map((coupon: { code: string }) => coupon.code.toLowerCase())).size).toBe(100_000)
        // Past 10,000 the list's count is the planner's estimate (docs/benchmarks.md, Scale): count in the database.
        expect(await couponRows("BULK%")).toBe(100_000)
      })
    })
  },
})
