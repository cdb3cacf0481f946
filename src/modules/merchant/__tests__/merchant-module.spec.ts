import { MedusaError } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MERCHANT_MODULE } from ".."
import MerchantModuleService from "../service"
import { Merchant } from "../models"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<MerchantModuleService>({
  moduleName: MERCHANT_MODULE,
  moduleModels: [Merchant],
  resolve: "./src/modules/merchant",
  moduleOptions: { merchantMetadataKey: "vendor", defaultMerchantId: "house" },
  testSuite: ({ service }) => {
    describe("merchant of a product", () => {
      it("is read from the configured metadata key", () => {
        expect(service.merchantHandleForProduct({ metadata: { vendor: " acme " } })).toBe("acme")
      })

      it("falls back to the default merchant when the product names none", () => {
        expect(service.merchantHandleForProduct({ metadata: null })).toBe("house")
        expect(service.merchantHandleForProduct({ metadata: { vendor: "" } })).toBe("house")
        expect(service.merchantHandleForProduct({ metadata: { merchant_id: "acme" } })).toBe("house")
      })
    })

    describe("registerMissingMerchants", () => {
      it("creates each unknown merchant once and skips known ones", async () => {
        const first = await service.registerMissingMerchants(["acme", "acme", "globex"])
        expect(first.map((merchant) => merchant.handle).sort()).toEqual(["acme", "globex"])

        const second = await service.registerMissingMerchants(["acme", "initech"])
        expect(second.map((merchant) => merchant.handle)).toEqual(["initech"])

        const all = await service.listMerchants({}, { order: { handle: "ASC" } })
        expect(all.map((merchant) => merchant.handle)).toEqual(["acme", "globex", "initech"])
      })

      it("registers merchants with the names their source gives and renames known ones; no name renames nothing", async () => {
        const created = await service.registerMerchants([
          { handle: "sel_1", name: "Ada's Atelier" },
          { handle: "sel_2", name: null },
          { handle: "sel_1", name: null },
        ])
        expect(created.map((merchant) => [merchant.handle, merchant.name]).sort()).toEqual([
          ["sel_1", "Ada's Atelier"],
          ["sel_2", null],
        ])

        expect(await service.registerMerchants([{ handle: "sel_1", name: "Ada & Co" }, { handle: "sel_2", name: "Bolt" }])).toEqual([])
        await service.registerMerchants([{ handle: "sel_1", name: null }])
        const all = await service.listMerchants({ handle: ["sel_1", "sel_2"] }, { order: { handle: "ASC" } })
        expect(all.map((merchant) => [merchant.handle, merchant.name])).toEqual([
          ["sel_1", "Ada & Co"],
          ["sel_2", "Bolt"],
        ])
      })

      it("keeps one row per handle when registrations race", async () => {
        await Promise.all(
          Array.from({ length: 5 }, () => service.registerMissingMerchants(["stark", "wayne"]))
        )
        const merchants = await service.listMerchants({ handle: ["stark", "wayne"] })
        expect(merchants.map((merchant) => merchant.handle).sort()).toEqual(["stark", "wayne"])
      })

      it("refuses a second merchant with the same handle at the database", async () => {
        await service.createMerchants({ handle: "umbrella" })
        await expect(service.createMerchants({ handle: "umbrella" })).rejects.toMatchObject({
          type: MedusaError.Types.INVALID_DATA,
          message: "Merchant with handle: umbrella, already exists.",
        })
      })
    })
  },
})
