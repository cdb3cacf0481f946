import { couponModuleIntegrationTestRunner, tenPercent } from "./coupon-test-runner"

jest.setTimeout(60_000)

const june = (day: number, hour = 0) => new Date(Date.UTC(2026, 5, day, hour))

couponModuleIntegrationTestRunner(({ service }) => {
  const statusOf = async (code: string, query: Record<string, unknown> = {}) => {
    const [result] = await service.checkEligibility({ codes: [code], ...query })
    return result
  }

  describe("checkSessionCoupons", () => {
    it("answers the codes and, in the same read, every live automatic coupon in its dates with its verdict", async () => {
      await service.createCoupons({ code: "TYPED", ...tenPercent })
      await service.createCoupons({ code: "AUTO", ...tenPercent, is_automatic: true })
      await service.createCoupons({ code: "AUTOFULL", ...tenPercent, is_automatic: true, usage_limit: 1 })
      await service.createCoupons({ code: "AUTOPAUSED", ...tenPercent, is_automatic: true, is_active: false })
      await service.createCoupons({ code: "AUTOLATER", ...tenPercent, is_automatic: true, starts_at: june(10) })
      await service.createCoupons({ code: "AUTOOVER", ...tenPercent, is_automatic: true, ends_at: june(5) })
      const gone = await service.createCoupons({ code: "AUTOGONE", ...tenPercent, is_automatic: true })
      await service.softDeleteCoupons(gone.id)
      const full = await service.listCoupons({ code: "AUTOFULL" })
      await service.recordRedemptions([{ coupon_id: full[0].id, cart_id: "cart_1", amount: 1, currency_code: "usd" }])

      const { codes, automatic } = await service.checkSessionCoupons({ codes: ["typed"], at: june(7) })
      expect(codes.map((code) => [code.code, code.status])).toEqual([["typed", "ELIGIBLE"]])
      expect(automatic.map((code) => [code.code, code.status]).sort()).toEqual([
        ["AUTO", "ELIGIBLE"],
        ["AUTOFULL", "USAGE_LIMIT_REACHED"],
      ])
    })

    it("leaves out automatic coupons of other merchants and with amounts in another currency, when the session names its own", async () => {
      await service.createCoupons([
        { code: "ALL", ...tenPercent, is_automatic: true },
        { code: "ACME", ...tenPercent, is_automatic: true, merchant_id: "acme" },
        { code: "GLOBEX", ...tenPercent, is_automatic: true, merchant_id: "globex" },
        { code: "USD5", value_type: "fixed", value: 5, currency_code: "usd", is_automatic: true },
        { code: "EUR5", value_type: "fixed", value: 5, currency_code: "eur", is_automatic: true },
        { code: "EURMIN", ...tenPercent, min_subtotal: 50, currency_code: "eur", is_automatic: true },
      ])
      const { automatic } = await service.checkSessionCoupons({
        codes: [],
        automatic_for: { merchant_ids: ["acme"], currency_code: "USD" },
      })
      expect(automatic.map((code) => code.code).sort()).toEqual(["ACME", "ALL", "USD5"])
    })

    it("sees every change of the automatic coupons at once, though it reads them again only when they changed", async () => {
      const answer = async () =>
        (await service.checkSessionCoupons({ codes: [] })).automatic.map((code) => [code.code, code.status, code.coupon?.value])
      const [limited] = await service.createCoupons([{ code: "ONE", ...tenPercent, is_automatic: true, usage_limit: 1 }])
      expect(await answer()).toEqual([["ONE", "ELIGIBLE", 10]])
      expect(await answer()).toEqual([["ONE", "ELIGIBLE", 10]])

      const [seat] = await service.recordRedemptions([{ coupon_id: limited.id, cart_id: "cart_1", amount: 1, currency_code: "usd" }])
      expect(await answer()).toEqual([["ONE", "USAGE_LIMIT_REACHED", 10]])
      await service.releaseRedemptions([seat.id])
      expect(await answer()).toEqual([["ONE", "ELIGIBLE", 10]])

      await service.updateCoupons({ id: limited.id, value: 15 })
      expect(await answer()).toEqual([["ONE", "ELIGIBLE", 15]])
      await service.createCoupons({ code: "TWO", ...tenPercent, is_automatic: true })
      expect((await answer()).map(([code]) => code).sort()).toEqual(["ONE", "TWO"])
      await service.updateCoupons({ id: limited.id, is_active: false })
      expect((await answer()).map(([code]) => code)).toEqual(["TWO"])
    })

    it("answers an automatic coupon's target type with its terms", async () => {
      await service.createCoupons({ code: "AUTOSHIP", value_type: "fixed", value: 5, currency_code: "usd", is_automatic: true, target_type: "shipping_methods" })
      const { automatic } = await service.checkSessionCoupons({ codes: [], automatic_for: { merchant_ids: ["acme"], currency_code: "usd" } })
      expect(automatic.map((code) => [code.code, code.coupon?.target_type])).toEqual([["AUTOSHIP", "shipping_methods"]])
    })

    it("answers an automatic coupon typed as a code among the codes only", async () => {
      await service.createCoupons({ code: "AUTO", ...tenPercent, is_automatic: true })
      const { codes, automatic } = await service.checkSessionCoupons({ codes: ["auto"] })
      expect(codes.map((code) => code.status)).toEqual(["ELIGIBLE"])
      expect(automatic).toEqual([])
    })
  })

  describe("checkEligibility", () => {
    it("finds a code in any case and returns the coupon's pricing terms", async () => {
      const terms = {
        merchant_id: "acme",
        value_type: "fixed" as const,
        value: 12.5,
        currency_code: "usd",
        min_subtotal: 50,
        combinable: false,
        priority: 3,
      }
      const coupon = await service.createCoupons({ code: "Summer", ...terms })
      const result = await statusOf(" sUMMER ", { merchant_id: "acme" })
      expect(result).toEqual({
        code: " sUMMER ",
        status: "ELIGIBLE",
        eligible: true,
        message: 'Coupon code " sUMMER " can be applied',
        coupon: {
          id: coupon.id,
          code: "Summer",
          ...terms,
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
        },
      })
    })

    it("answers a coupon's rules with its terms, as stored", async () => {
      const rules = {
        type: "buyget" as const,
        buy_rules: [{ attribute: "items.product.id", operator: "in" as const, values: ["prod_shirt"] }],
        target_rules: [{ attribute: "items.product.id", operator: "in" as const, values: ["prod_cap"] }],
        rules: [{ attribute: "customer.groups.id", operator: "in" as const, values: ["cusgroup_vip"] }],
        buy_rules_min_quantity: 2,
        apply_to_quantity: 1,
        max_quantity: 3,
      }
      await service.createCoupons({ code: "B2G1", value_type: "percentage", value: 100, ...rules })
      expect((await statusOf("b2g1")).coupon).toMatchObject({ ...rules, allocation: null, is_automatic: false })
    })

    it("answers what a coupon discounts: items unless it was made for shipping", async () => {
      await service.createCoupons([
        { code: "ITEMS", ...tenPercent },
        { code: "FREESHIP", value_type: "percentage", value: 100, target_type: "shipping_methods" },
      ])
      const results = await service.checkEligibility({ codes: ["items", "freeship"] })
      expect(results.map((result) => [result.coupon?.code, result.coupon?.target_type])).toEqual([
        ["ITEMS", "items"],
        ["FREESHIP", "shipping_methods"],
      ])
    })

    it("answers INVALID for an unknown, inactive, deleted or malformed code, without terms", async () => {
      await service.createCoupons({ code: "PAUSED", is_active: false, ...tenPercent })
      const deleted = await service.createCoupons({ code: "GONE", ...tenPercent })
      await service.softDeleteCoupons(deleted.id)

      const results = await service.checkEligibility({ codes: ["NOPE", "paused", "GONE", "bad code!"] })
      expect(results.map((result) => [result.status, result.eligible, result.coupon])).toEqual([
        ["INVALID", false, null],
        ["INVALID", false, null],
        ["INVALID", false, null],
        ["INVALID", false, null],
      ])
      expect(results[0].message).toBe('Coupon code "NOPE" does not exist')
      expect(results[1].message).toBe('Coupon code "paused" does not exist')
    })

    it("answers each asked code in the order asked", async () => {
      await service.createCoupons({ code: "A1", ...tenPercent })
      await service.createCoupons({ code: "B2", ...tenPercent, is_active: false })
      const results = await service.checkEligibility({ codes: ["b2", "A1", "a1"] })
      expect(results.map((result) => [result.code, result.status])).toEqual([
        ["b2", "INVALID"],
        ["A1", "ELIGIBLE"],
        ["a1", "ELIGIBLE"],
      ])
    })

    it("answers NOT_STARTED before starts_at and EXPIRED from ends_at on", async () => {
      await service.createCoupons({ code: "JUNE", starts_at: june(10), ends_at: june(20), ...tenPercent })

      expect((await statusOf("JUNE", { at: june(9, 23) })).status).toBe("NOT_STARTED")
      expect((await statusOf("JUNE", { at: june(10) })).status).toBe("ELIGIBLE")
      expect((await statusOf("JUNE", { at: june(19, 23) })).status).toBe("ELIGIBLE")
      const expired = await statusOf("JUNE", { at: june(20) })
      expect(expired).toMatchObject({ status: "EXPIRED", eligible: false, coupon: { code: "JUNE" } })
      expect(expired.message).toContain("2026-06-20T00:00:00.000Z")
    })

    it("judges the date window against now when no date is given", async () => {
      const hour = 3_600_000
      await service.createCoupons({ code: "LATER", starts_at: new Date(Date.now() + hour), ...tenPercent })
      await service.createCoupons({ code: "OVER", ends_at: new Date(Date.now() - hour), ...tenPercent })
      const results = await service.checkEligibility({ codes: ["LATER", "OVER"] })
      expect(results.map((result) => result.status)).toEqual(["NOT_STARTED", "EXPIRED"])
    })

    it("answers USAGE_LIMIT_REACHED once every use is taken, and ELIGIBLE again after a release", async () => {
      const coupon = await service.createCoupons({ code: "TWICE", usage_limit: 2, ...tenPercent })
      const redemptions = await service.recordRedemptions([
        { coupon_id: coupon.id, order_id: "order_1", amount: 1, currency_code: "usd" },
        { coupon_id: coupon.id, order_id: "order_2", amount: 1, currency_code: "usd" },
      ])
      expect((await statusOf("TWICE")).status).toBe("USAGE_LIMIT_REACHED")

      await service.releaseRedemptions([redemptions[0].id])
      expect((await statusOf("TWICE")).status).toBe("ELIGIBLE")
    })

    it("answers CUSTOMER_LIMIT_REACHED only for the customer who used up their share", async () => {
      const coupon = await service.createCoupons({ code: "ONCE", usage_limit_per_customer: 1, ...tenPercent })
      await service.recordRedemptions([
        { coupon_id: coupon.id, order_id: "order_1", customer_id: "cus_1", amount: 1, currency_code: "usd" },
      ])

      expect(await statusOf("ONCE", { customer_id: "cus_1" })).toMatchObject({
        status: "CUSTOMER_LIMIT_REACHED",
        eligible: false,
      })
      expect((await statusOf("ONCE", { customer_id: "cus_2" })).status).toBe("ELIGIBLE")
      // a guest cannot be counted, so the per-customer limit does not apply
      expect((await statusOf("ONCE")).status).toBe("ELIGIBLE")
    })

    it("counts a guest by their email, in any case and with blanks around it", async () => {
      const coupon = await service.createCoupons({ code: "GUEST1", usage_limit_per_customer: 1, ...tenPercent })
      await service.recordRedemptions([
        { coupon_id: coupon.id, cart_session_id: "csess_1", email: " Ann@Example.COM ", amount: 1, currency_code: "usd" },
      ])

      expect(await statusOf("GUEST1", { email: "ann@example.com" })).toMatchObject({
        status: "CUSTOMER_LIMIT_REACHED",
        eligible: false,
        message: 'You have already used coupon code "GUEST1" the most times allowed (1)',
      })
      expect((await statusOf("GUEST1", { email: "  ANN@example.com" })).status).toBe("CUSTOMER_LIMIT_REACHED")
      expect((await statusOf("GUEST1", { email: "bob@example.com" })).status).toBe("ELIGIBLE")
      // an anonymous session (no customer, no email) cannot be counted: the limit does not apply
      expect((await statusOf("GUEST1", { email: "  " })).status).toBe("ELIGIBLE")
      expect((await statusOf("GUEST1")).status).toBe("ELIGIBLE")
    })

    it("counts a customer's redemptions by their id and by their email, so their guest checkouts count too", async () => {
      const coupon = await service.createCoupons({ code: "TWICEEACH", usage_limit_per_customer: 2, ...tenPercent })
      await service.recordRedemptions([
        { coupon_id: coupon.id, cart_session_id: "csess_guest", email: "ann@example.com", amount: 1, currency_code: "usd" },
      ])
      expect((await statusOf("TWICEEACH", { customer_id: "cus_ann", email: "Ann@example.com" })).status).toBe("ELIGIBLE")

      await service.recordRedemptions([
        { coupon_id: coupon.id, order_id: "order_1", customer_id: "cus_ann", email: "ann@example.com", amount: 1, currency_code: "usd" },
      ])
      expect((await statusOf("TWICEEACH", { customer_id: "cus_ann", email: "ann@example.com" })).status).toBe(
        "CUSTOMER_LIMIT_REACHED"
      )
      // by id alone the guest checkout is not theirs; by email alone both are
      expect((await statusOf("TWICEEACH", { customer_id: "cus_ann" })).status).toBe("ELIGIBLE")
      expect((await statusOf("TWICEEACH", { email: "ANN@example.com" })).status).toBe("CUSTOMER_LIMIT_REACHED")
    })

    it("counts only live redemptions of a guest: a released seat is theirs to use again", async () => {
      const coupon = await service.createCoupons({ code: "GUESTBACK", usage_limit_per_customer: 1, ...tenPercent })
      const [seat] = await service.recordRedemptions([
        { coupon_id: coupon.id, cart_session_id: "csess_1", email: "ann@example.com", amount: 1, currency_code: "usd" },
      ])
      expect((await statusOf("GUESTBACK", { email: "ann@example.com" })).status).toBe("CUSTOMER_LIMIT_REACHED")
      await service.releaseRedemptions([seat.id])
      expect((await statusOf("GUESTBACK", { email: "ann@example.com" })).status).toBe("ELIGIBLE")
    })

    it("checks the date window before the usage limits", async () => {
      const coupon = await service.createCoupons({ code: "OLD", usage_limit: 1, ends_at: june(1), ...tenPercent })
      await service.recordRedemptions([{ coupon_id: coupon.id, cart_id: "cart_1", amount: 1, currency_code: "usd" }])
      expect((await statusOf("OLD", { at: june(2) })).status).toBe("EXPIRED")
    })
  })

  describe("checkEligibility for a merchant's bag", () => {
    it("prefers the merchant's own coupon, then a store-wide one, and never another merchant's", async () => {
      const acme = await service.createCoupons({ code: "SHARED", merchant_id: "acme", ...tenPercent })
      const storeWide = await service.createCoupons({ code: "shared", ...tenPercent, value: 5 })
      await service.createCoupons({ code: "ONLYACME", merchant_id: "acme", ...tenPercent })

      expect((await statusOf("shared", { merchant_id: "acme" })).coupon?.id).toBe(acme.id)
      expect((await statusOf("shared", { merchant_id: "globex" })).coupon?.id).toBe(storeWide.id)
      expect((await statusOf("ONLYACME", { merchant_id: "globex" })).status).toBe("INVALID")
    })

    it("falls back to an active store-wide coupon when the merchant's one is inactive", async () => {
      await service.createCoupons({ code: "FALL", merchant_id: "acme", is_active: false, ...tenPercent })
      const storeWide = await service.createCoupons({ code: "FALL", ...tenPercent })
      expect(await statusOf("FALL", { merchant_id: "acme" })).toMatchObject({
        status: "ELIGIBLE",
        coupon: { id: storeWide.id, merchant_id: null },
      })
    })

    it("without a merchant, finds the store-wide coupon, else the one merchant coupon with the code", async () => {
      const storeWide = await service.createCoupons({ code: "BOTH", ...tenPercent })
      await service.createCoupons({ code: "BOTH", merchant_id: "acme", ...tenPercent })
      const acmeOnly = await service.createCoupons({ code: "MINE", merchant_id: "acme", ...tenPercent })

      expect((await statusOf("both")).coupon?.id).toBe(storeWide.id)
      expect((await statusOf("mine")).coupon?.id).toBe(acmeOnly.id)
    })

    it("without a merchant, answers INVALID for a code several merchants use", async () => {
      await service.createCoupons({ code: "TWINS", merchant_id: "acme", ...tenPercent })
      await service.createCoupons({ code: "TWINS", merchant_id: "globex", ...tenPercent })
      expect(await statusOf("TWINS")).toMatchObject({
        status: "INVALID",
        coupon: null,
        message: expect.stringContaining("several merchants"),
      })
    })
  })
})
