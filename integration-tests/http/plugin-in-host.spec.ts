import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MERCHANT_MODULE } from "../../src/modules/merchant"
import { createAdminUser, AdminHeaders } from "../helpers/admin"
import { hostDirectory } from "../helpers/host"
import { eventually } from "../helpers/wait"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      admin = await createAdminUser(getContainer())
    })

    describe("the plugin installed in a host store", () => {
      it("registers its merchant module in the host's container with the host's options", async () => {
        const merchants = getContainer().resolve(MERCHANT_MODULE) as any
        // host/medusa-config.ts sets defaultMerchantId "house"
        expect(merchants.merchantHandleForProduct({ metadata: {} })).toBe("house")
        expect(merchants.merchantHandleForProduct({ metadata: { merchant_id: "acme" } })).toBe("acme")
      })

      it("serves its admin route behind the host's admin authentication", async () => {
        const anonymous = await api.get("/admin/merchants").catch((error: any) => error.response)
        expect(anonymous.status).toBe(401)

        const response = await api.get("/admin/merchants", admin)
        expect(response.status).toBe(200)
        expect(response.data).toEqual({ merchants: [], count: 0, offset: 0, limit: 50 })
      })

      it("validates the admin route's query with a 400 naming the field", async () => {
        const response = await api
          .get("/admin/merchants?limit=abc", admin)
          .catch((error: any) => error.response)
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/limit/)
      })

      it("hears the host's product events: a new merchant named by a product is registered", async () => {
        await api.post(
          "/admin/products",
          {
            title: "Anvil",
            metadata: { merchant_id: "acme" },
            options: [{ title: "Size", values: ["L"] }],
            variants: [{ title: "L", options: { Size: "L" }, prices: [{ currency_code: "usd", amount: 10 }] }],
          },
          admin
        )
        await api.post(
          "/admin/products",
          {
            title: "House blend",
            options: [{ title: "Size", values: ["M"] }],
            variants: [{ title: "M", options: { Size: "M" }, prices: [{ currency_code: "usd", amount: 5 }] }],
          },
          admin
        )

        const listed = await eventually(
          async () => (await api.get("/admin/merchants?order=handle", admin)).data,
          (data) => data.count === 2
        )
        expect(listed.merchants.map((merchant: any) => merchant.handle)).toEqual(["acme", "house"])
      })
    })
  },
})
