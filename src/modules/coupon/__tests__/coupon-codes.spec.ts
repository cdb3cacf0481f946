import { BigNumber } from "@medusajs/framework/utils"
import { couponModuleIntegrationTestRunner, tenPercent } from "./coupon-test-runner"

jest.setTimeout(60_000)

couponModuleIntegrationTestRunner(({ service, MikroOrmWrapper }) => {
  describe("a coupon's code", () => {
    it("is stored as typed, with the coupon's defaults", async () => {
      const created = await service.createCoupons({ code: "Summer-10_a", ...tenPercent })
      const coupon = await service.retrieveCoupon(created.id)
      expect(coupon).toMatchObject({
        code: "Summer-10_a",
        merchant_id: null,
        usage_count: 0,
        combinable: true,
        priority: 0,
        is_active: true,
      })
    })

    it("is refused in another case for the same merchant, with COUPON_CODE_TAKEN naming it", async () => {
      await service.createCoupons({ code: "summer", merchant_id: "acme", ...tenPercent })
      await expect(
        service.createCoupons({ code: "SUMMER", merchant_id: "acme", ...tenPercent })
      ).rejects.toMatchObject({
        code: "COUPON_CODE_TAKEN",
        message: expect.stringContaining(`"SUMMER" is already taken for merchant "acme"`),
      })
    })

    it("may be used again by another merchant and by a store-wide coupon", async () => {
      await service.createCoupons({ code: "WELCOME", merchant_id: "acme", ...tenPercent })
      await service.createCoupons({ code: "welcome", merchant_id: "globex", ...tenPercent })
      await service.createCoupons({ code: "Welcome", ...tenPercent })
      expect(await service.listCoupons({})).toHaveLength(3)
    })

    it("is unique among store-wide coupons too", async () => {
      await service.createCoupons({ code: "STORE", ...tenPercent })
      await expect(service.createCoupons({ code: "store", ...tenPercent })).rejects.toMatchObject({
        code: "COUPON_CODE_TAKEN",
        message: expect.stringContaining("store-wide"),
      })
    })

    it("is refused twice within one batch, and the batch creates nothing", async () => {
      await expect(
        service.createCoupons([
          { code: "BATCH1", ...tenPercent },
          { code: "batch1", ...tenPercent },
        ])
      ).rejects.toMatchObject({ code: "COUPON_CODE_TAKEN" })
      expect(await service.listCoupons({})).toHaveLength(0)
    })

    it("is free again once its coupon is deleted", async () => {
      const first = await service.createCoupons({ code: "AGAIN", ...tenPercent })
      await service.softDeleteCoupons(first.id)
      const second = await service.createCoupons({ code: "again", ...tenPercent })
      expect((await service.listCoupons({})).map((coupon) => [coupon.id, coupon.code])).toEqual([[second.id, "again"]])
      expect(await service.listCoupons({}, { withDeleted: true })).toHaveLength(2)
    })

    it("is refused on an update that collides with another coupon of the merchant", async () => {
      await service.createCoupons({ code: "TAKEN", merchant_id: "acme", ...tenPercent })
      const other = await service.createCoupons({ code: "OTHER", merchant_id: "acme", ...tenPercent })
      await expect(service.updateCoupons({ id: other.id, code: "Taken" })).rejects.toMatchObject({
        code: "COUPON_CODE_TAKEN",
        message: expect.stringContaining(`"Taken"`),
      })
      await expect(
        service.updateCoupons({ id: other.id, code: "TAKEN", merchant_id: "globex" })
      ).resolves.toMatchObject({ code: "TAKEN", merchant_id: "globex" })
    })

    it("is unique at the database, whoever writes the row", async () => {
      await service.createCoupons({ code: "RAW", merchant_id: "acme", ...tenPercent })
      const manager = MikroOrmWrapper.forkManager()
      await expect(
        manager.execute(
          `insert into coupon (id, code, merchant_id, value_type, value, raw_value)
           values ('cpn_raw', 'raw', 'acme', 'percentage', 10, ?)`,
          [JSON.stringify(new BigNumber(10).raw)]
        )
      ).rejects.toThrow(/IDX_coupon_code_merchant_unique/)
    })

    it("is taken by exactly one of several concurrent creates", async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, index) =>
          service.createCoupons({ code: index % 2 ? "race" : "RACE", ...tenPercent })
        )
      )
      const created = attempts.filter((attempt) => attempt.status === "fulfilled")
      const refused = attempts.filter((attempt) => attempt.status === "rejected")
      expect(created).toHaveLength(1)
      refused.forEach((attempt) =>
        expect((attempt as PromiseRejectedResult).reason).toMatchObject({ code: "COUPON_CODE_TAKEN" })
      )
    })

    it.each([
      ["empty", ""],
      ["with a space", "SUMMER 10"],
      ["with punctuation", "SUMMER!"],
      ["with a non-ASCII letter", "SÜMMER"],
      ["longer than 50 characters", "A".repeat(51)],
    ])("is refused when %s, with COUPON_CODE_INVALID_FORMAT", async (_, code) => {
      await expect(service.createCoupons({ code, ...tenPercent })).rejects.toMatchObject({
        code: "COUPON_CODE_INVALID_FORMAT",
        message: expect.stringContaining("Field 'code'"),
      })
    })

    it("may be exactly 50 characters long", async () => {
      const coupon = await service.createCoupons({ code: "Z".repeat(50), ...tenPercent })
      expect(coupon.code).toHaveLength(50)
    })
  })

  describe("a coupon's terms", () => {
    it("keep the value and minimum subtotal exactly as given, in major units", async () => {
      const fixed = await service.createCoupons({
        code: "FIVE",
        value_type: "fixed",
        value: 12.5,
        currency_code: "USD",
        min_subtotal: 99.99,
      })
      const percentage = await service.createCoupons({ code: "THIRD", value_type: "percentage", value: 33.333 })
      const [storedFixed, storedPercentage] = await Promise.all([
        service.retrieveCoupon(fixed.id),
        service.retrieveCoupon(percentage.id),
      ])
      expect(storedFixed).toMatchObject({ value: 12.5, min_subtotal: 99.99, currency_code: "usd" })
      expect(storedPercentage.value).toBe(33.333)
    })

    it("are refused by the database when a fixed coupon has no currency", async () => {
      await expect(
        service.createCoupons({ code: "NOCUR", value_type: "fixed", value: 5 })
      ).rejects.toThrow(/coupon_fixed_has_currency/)
    })
  })

  describe("findTakenCodes", () => {
    it("returns the codes the scope's live coupons use, ignoring case", async () => {
      await service.createCoupons({ code: "ONE", merchant_id: "acme", ...tenPercent })
      await service.createCoupons({ code: "TWO", ...tenPercent })
      const deleted = await service.createCoupons({ code: "THREE", merchant_id: "acme", ...tenPercent })
      await service.softDeleteCoupons(deleted.id)

      expect(await service.findTakenCodes(["one", "Two", "three", "four"], "acme")).toEqual(new Set(["one"]))
      expect(await service.findTakenCodes(["one", "two"], null)).toEqual(new Set(["two"]))
    })
  })
})
