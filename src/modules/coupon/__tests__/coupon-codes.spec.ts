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

  describe("generateCoupons", () => {
    const generate = (count: number, extra: Partial<Parameters<typeof service.generateCoupons>[0]> = {}) =>
      service.generateCoupons({ prefix: "Q", count, length: 1, template: { ...tenPercent }, ...extra })
    const codesOf = async (merchantId: string | null = null) =>
      (await service.listCoupons({ merchant_id: merchantId }, { select: ["code"], take: null })).map((coupon) => coupon.code)
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("")

    it("creates count coupons with the template's terms, stored as the ORM stores them", async () => {
      const created = await service.generateCoupons({
        prefix: "BF-",
        count: 12_000,
        length: 8,
        template: { value_type: "fixed", value: 5.5, currency_code: "USD", min_subtotal: 20, merchant_id: "acme", usage_limit: 1, rules: [{ attribute: "customer.groups.id", operator: "in", values: ["vip"] }], metadata: { flyer: true } },
      })
      expect(created).toHaveLength(12_000)
      expect(new Set(created.map((coupon) => coupon.code.toLowerCase())).size).toBe(12_000)
      created.forEach((coupon) => expect(coupon.code).toMatch(/^BF-[A-Z0-9]{8}$/))
      const coupon = await service.retrieveCoupon(created[11_999].id)
      expect(coupon).toMatchObject({
        code: created[11_999].code,
        merchant_id: "acme",
        value_type: "fixed",
        currency_code: "usd",
        usage_limit: 1,
        usage_count: 0,
        is_active: true,
        is_automatic: false,
        rules: [{ attribute: "customer.groups.id", operator: "in", values: ["vip"] }],
        metadata: { flyer: true },
      })
      expect(new BigNumber(coupon.value).numeric).toBe(5.5)
      expect(new BigNumber(coupon.min_subtotal!).numeric).toBe(20)
      const [raw] = await MikroOrmWrapper.forkManager().execute(
        `select raw_value, raw_min_subtotal from coupon where id = '${created[0].id}'`
      )
      const ormWritten = await service.createCoupons({ code: "ORM", value_type: "fixed", value: 5.5, currency_code: "usd", min_subtotal: 20 })
      const [ormRaw] = await MikroOrmWrapper.forkManager().execute(`select raw_value, raw_min_subtotal from coupon where id = '${ormWritten.id}'`)
      expect(raw).toEqual(ormRaw)
    })

    it("skips the codes live coupons of the scope use and draws others instead", async () => {
      // 36 one-character codes after "Q": 17 taken store-wide (in another case), 18 asked.
      await service.createCoupons(alphabet.slice(0, 17).map((character) => ({ code: `q${character.toLowerCase()}`, ...tenPercent })))
      // Taken by a merchant or deleted: free store-wide.
      await service.createCoupons(alphabet.slice(17, 30).map((character) => ({ code: `Q${character}`, merchant_id: "acme", ...tenPercent })))
      const deleted = await service.createCoupons({ code: "QZ", ...tenPercent })
      await service.softDeleteCoupons(deleted.id)

      const created = await generate(18)
      expect(created).toHaveLength(18)
      const taken = new Set(alphabet.slice(0, 17).map((character) => `Q${character}`))
      created.forEach((coupon) => expect(taken.has(coupon.code)).toBe(false))
      expect(await codesOf()).toHaveLength(17 + 18)
    })

    it("creates nothing when it cannot find count free codes, even after inserting some", async () => {
      // 19 of 36 codes taken leave 17 for 18 asked: every draw inserts some, then the whole batch is refused.
      await service.createCoupons(alphabet.slice(0, 19).map((character) => ({ code: `Q${character}`, ...tenPercent })))
      await expect(generate(18)).rejects.toMatchObject({ message: expect.stringContaining("Field 'length' is too short") })
      expect(await codesOf()).toHaveLength(19)
    })

    it("refuses a prefix and length over 50 characters, or a prefix of other characters, creating nothing", async () => {
      await expect(generate(1, { prefix: "P".repeat(45), length: 6 })).rejects.toMatchObject({
        message: expect.stringContaining("Field 'length' leaves no room"),
      })
      await expect(generate(1, { prefix: "NO SPACE" })).rejects.toMatchObject({ code: "COUPON_CODE_INVALID_FORMAT" })
      expect(await codesOf()).toHaveLength(0)
    })
  })

  describe("listAndCountCoupons", () => {
    it("counts exactly up to 10,000 matches, with q, merchant and is_active filters, and estimates past it", async () => {
      await service.generateCoupons({ prefix: "BULK-", count: 10_050, length: 8, template: { ...tenPercent, merchant_id: "acme" } })
      await service.createCoupons([
        { code: "SPRING-1", name: "Spring", ...tenPercent },
        { code: "OTHER", name: "spring sale", ...tenPercent, is_active: false },
        { code: "BULK-NAMED", ...tenPercent },
      ])
      await MikroOrmWrapper.forkManager().execute("analyze coupon")

      const [page, count] = await service.listAndCountCoupons({ q: "spring" }, { take: 1, order: { created_at: "DESC" } })
      expect([page.length, count]).toEqual([1, 2])
      expect((await service.listAndCountCoupons({ q: "spring", is_active: true }, { take: 1 }))[1]).toBe(1)
      expect((await service.listAndCountCoupons({ q: "SPRING SALE" }, { take: 1 }))[1]).toBe(1)
      expect((await service.listAndCountCoupons({ merchant_id: ["globex", "acme"], q: "bulk" }, { take: 5 }))[1]).toBeGreaterThan(10_000)
      // A page shorter than asked tells the count.
      expect((await service.listAndCountCoupons({ q: "bulk" }, { take: 20, skip: 10_040 }))[1]).toBe(10_051)
      // Past 10,000 the planner's estimate (never under 10,001).
      const [, estimated] = await service.listAndCountCoupons({}, { take: 50, order: { created_at: "DESC" } })
      expect(estimated).toBeGreaterThan(10_000)
      expect(Math.abs(estimated - 10_053)).toBeLessThan(1_000)
    })

    it("answers a search matching up to 10,000 from all its matches, in the list's order, and a broader one by the ordered walk", async () => {
      await service.generateCoupons({ prefix: "BULK-", count: 10_050, length: 8, template: tenPercent })
      await service.createCoupons(["NARROW-1", "NARROW-2", "NARROW-3"].map((code) => ({ code, ...tenPercent })))
      await service.createCoupons({ code: "OTHER", name: "narrow escape", ...tenPercent })
      // Four coupons at one time, so the order falls to their ids.
      await MikroOrmWrapper.forkManager().execute("update coupon set created_at = '2026-01-02' where code like 'NARROW-%' or code = 'OTHER'")
      await MikroOrmWrapper.forkManager().execute("analyze coupon")
      const narrow = (await service.listCoupons({ q: "narrow" } as any, { select: ["id"] })).map((coupon) => coupon.id).sort()
      expect(narrow).toHaveLength(4)

      const [first, count] = await service.listAndCountCoupons({ q: "narrow" }, { take: 3, order: { created_at: "DESC" } })
      expect(count).toBe(4)
      expect(first.map((coupon) => coupon.id)).toEqual([...narrow].reverse().slice(0, 3))
      const [rest] = await service.listAndCountCoupons({ q: "narrow" }, { take: 3, skip: 3, order: { created_at: "DESC" } })
      expect(rest.map((coupon) => coupon.id)).toEqual([narrow[0]])
      const [ascending] = await service.listAndCountCoupons({ q: "NARROW" }, { take: 2, order: { created_at: "ASC" } })
      expect(ascending.map((coupon) => coupon.id)).toEqual(narrow.slice(0, 2))
      // Whole coupons, as the list answers them.
      expect(first[0]).toMatchObject({ value_type: "percentage", code: expect.stringMatching(/^NARROW-|^OTHER$/) })
      // Past a page's end: nothing, the count still exact.
      expect(await service.listAndCountCoupons({ q: "narrow" }, { take: 3, skip: 10, order: { created_at: "DESC" } })).toEqual([[], 4])

      // More than 10,000 match: the page comes from the ordered walk, the newest first, and the count is past 10,000.
      const [broad, broadCount] = await service.listAndCountCoupons({ q: "bulk" }, { take: 5, order: { created_at: "DESC" } })
      expect(broad).toHaveLength(5)
      expect(broadCount).toBeGreaterThan(10_000)
    })

    it("breaks ties of created_at by id, in the same direction", async () => {
      await service.createCoupons(["A", "B", "C", "D"].map((code) => ({ code, ...tenPercent })))
      await MikroOrmWrapper.forkManager().execute("update coupon set created_at = '2026-01-01'")
      const ids = (await service.listCoupons({}, { select: ["id"] })).map((coupon) => coupon.id).sort()
      const [desc] = await service.listAndCountCoupons({}, { take: 10, order: { created_at: "DESC" } })
      const [asc] = await service.listAndCountCoupons({}, { take: 10, order: { created_at: "ASC" } })
      expect(desc.map((coupon) => coupon.id)).toEqual([...ids].reverse())
      expect(asc.map((coupon) => coupon.id)).toEqual(ids)
    })
  })
})
