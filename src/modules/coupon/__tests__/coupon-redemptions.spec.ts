import { couponModuleIntegrationTestRunner, tenPercent } from "./coupon-test-runner"

jest.setTimeout(60_000)

couponModuleIntegrationTestRunner(({ service }) => {
  const redeem = (couponId: string, orderId: string, customerId?: string) =>
    service.recordRedemptions([
      { coupon_id: couponId, order_id: orderId, customer_id: customerId, amount: 2.5, currency_code: "USD" },
    ])

  /** usage_count and the live redemption rows, which must always agree. */
  const usageOf = async (couponId: string) => {
    const coupon = await service.retrieveCoupon(couponId)
    const rows = await service.listCouponRedemptions({ coupon_id: couponId })
    return { usage_count: coupon.usage_count, redemptions: rows.length }
  }

  describe("recordRedemptions", () => {
    it("writes the redemption and counts the use in the coupon", async () => {
      const coupon = await service.createCoupons({ code: "USE", ...tenPercent })
      const [redemption] = await redeem(coupon.id, "order_1", "cus_1")

      const stored = await service.retrieveCouponRedemption(redemption.id)
      expect(stored).toMatchObject({
        coupon_id: coupon.id,
        order_id: "order_1",
        customer_id: "cus_1",
        amount: 2.5,
        currency_code: "usd",
      })
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("refuses a use beyond usage_limit with COUPON_USAGE_LIMIT_REACHED and writes nothing", async () => {
      const coupon = await service.createCoupons({ code: "LIMITED", usage_limit: 1, ...tenPercent })
      await redeem(coupon.id, "order_1")
      await expect(redeem(coupon.id, "order_2")).rejects.toMatchObject({
        code: "COUPON_USAGE_LIMIT_REACHED",
        message: expect.stringContaining('"LIMITED"'),
      })
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("refuses a customer's use beyond usage_limit_per_customer, but not another customer's", async () => {
      const coupon = await service.createCoupons({ code: "PERCUS", usage_limit_per_customer: 2, ...tenPercent })
      await redeem(coupon.id, "order_1", "cus_1")
      await redeem(coupon.id, "order_2", "cus_1")
      await expect(redeem(coupon.id, "order_3", "cus_1")).rejects.toMatchObject({
        code: "COUPON_CUSTOMER_LIMIT_REACHED",
      })
      await redeem(coupon.id, "order_4", "cus_2")
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 3, redemptions: 3 })
    })

    describe("usage_limit_per_customer for a guest, counted by email", () => {
      const guestSeat = (couponId: string, cartSessionId: string, email: string | null, customerId?: string) =>
        service.recordRedemptions([
          { coupon_id: couponId, cart_session_id: cartSessionId, customer_id: customerId, email, amount: 2, currency_code: "usd" },
        ])

      it("stores the email trimmed and lower-cased, and refuses the same email in another case under the lock", async () => {
        const coupon = await service.createCoupons({ code: "GUESTONCE", usage_limit_per_customer: 1, ...tenPercent })
        const [seat] = await guestSeat(coupon.id, "csess_1", "  Ann@Example.COM ")
        expect((await service.retrieveCouponRedemption(seat.id)).email).toBe("ann@example.com")

        await expect(guestSeat(coupon.id, "csess_2", "ANN@example.com")).rejects.toMatchObject({
          code: "COUPON_CUSTOMER_LIMIT_REACHED",
          message: 'The shopper with email ann@example.com has used coupon code "GUESTONCE" the most times allowed (1)',
        })
        await guestSeat(coupon.id, "csess_3", "bob@example.com")
        expect(await usageOf(coupon.id)).toEqual({ usage_count: 2, redemptions: 2 })
      })

      it("counts a customer's guest seats with the email they give, and their own seats by id whatever the email", async () => {
        const coupon = await service.createCoupons({ code: "MIXED", usage_limit_per_customer: 1, ...tenPercent })
        await guestSeat(coupon.id, "csess_guest", "ann@example.com")
        await expect(guestSeat(coupon.id, "csess_same_email", "Ann@example.com", "cus_ann")).rejects.toMatchObject({
          code: "COUPON_CUSTOMER_LIMIT_REACHED",
          message: expect.stringContaining("Customer cus_ann"),
        })
        // another email: the guest seat is not theirs, and they have none by id yet
        await guestSeat(coupon.id, "csess_new_email", "ann.new@example.com", "cus_ann")
        await expect(guestSeat(coupon.id, "csess_newer_email", "ann.newer@example.com", "cus_ann")).rejects.toMatchObject({
          code: "COUPON_CUSTOMER_LIMIT_REACHED",
        })
        expect(await usageOf(coupon.id)).toEqual({ usage_count: 2, redemptions: 2 })
      })

      it("counts the seats asked for in the same call", async () => {
        const coupon = await service.createCoupons({ code: "BATCH", usage_limit_per_customer: 1, ...tenPercent })
        await expect(
          service.recordRedemptions([
            { coupon_id: coupon.id, cart_session_id: "csess_1", email: "ann@example.com", amount: 1, currency_code: "usd" },
            { coupon_id: coupon.id, cart_session_id: "csess_2", email: "ANN@example.com", amount: 1, currency_code: "usd" },
          ])
        ).rejects.toMatchObject({ code: "COUPON_CUSTOMER_LIMIT_REACHED" })
        expect(await usageOf(coupon.id)).toEqual({ usage_count: 0, redemptions: 0 })
      })

      it("does not limit a shopper with neither customer nor email (nothing to count them by)", async () => {
        const coupon = await service.createCoupons({ code: "ANON", usage_limit_per_customer: 1, ...tenPercent })
        await guestSeat(coupon.id, "csess_1", null)
        await guestSeat(coupon.id, "csess_2", " ")
        const seats = await service.listCouponRedemptions({ coupon_id: coupon.id })
        expect(seats.map((seat) => [seat.customer_id, seat.email])).toEqual([
          [null, null],
          [null, null],
        ])
        expect(await usageOf(coupon.id)).toEqual({ usage_count: 2, redemptions: 2 })
      })

      it("lets one guest email through usage_limit_per_customer times under concurrency, whatever the case", async () => {
        const coupon = await service.createCoupons({ code: "GUESTRUSH", usage_limit_per_customer: 2, ...tenPercent })
        const cases = ["ann@example.com", "ANN@example.com", "Ann@Example.com ", " ann@EXAMPLE.com"]
        const attempts = await Promise.allSettled(
          Array.from({ length: 10 }, (_, index) => guestSeat(coupon.id, `csess_${index}`, cases[index % cases.length]))
        )
        const refused = attempts.filter((attempt) => attempt.status === "rejected") as PromiseRejectedResult[]
        expect(attempts.length - refused.length).toBe(2)
        refused.forEach((attempt) => expect(attempt.reason).toMatchObject({ code: "COUPON_CUSTOMER_LIMIT_REACHED" }))
        expect(await usageOf(coupon.id)).toEqual({ usage_count: 2, redemptions: 2 })
      })
    })

    it("takes one seat for the same order recorded twice", async () => {
      const coupon = await service.createCoupons({ code: "RETRY", usage_limit: 5, ...tenPercent })
      const [first] = await redeem(coupon.id, "order_1")
      const [again] = await redeem(coupon.id, "order_1")
      expect(again.id).toBe(first.id)
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("records several coupons all or nothing", async () => {
      const open = await service.createCoupons({ code: "OPEN", ...tenPercent })
      const full = await service.createCoupons({ code: "FULL", usage_limit: 1, ...tenPercent })
      await redeem(full.id, "order_0")

      await expect(
        service.recordRedemptions([
          { coupon_id: open.id, order_id: "order_1", amount: 1, currency_code: "usd" },
          { coupon_id: full.id, order_id: "order_1", amount: 1, currency_code: "usd" },
        ])
      ).rejects.toMatchObject({ code: "COUPON_USAGE_LIMIT_REACHED" })
      expect(await usageOf(open.id)).toEqual({ usage_count: 0, redemptions: 0 })
    })

    it("refuses a deleted coupon with COUPON_NOT_FOUND", async () => {
      const coupon = await service.createCoupons({ code: "DELETED", ...tenPercent })
      await service.softDeleteCoupons(coupon.id)
      await expect(redeem(coupon.id, "order_1")).rejects.toMatchObject({ code: "COUPON_NOT_FOUND" })
    })

    it("needs a cart or an order to record", async () => {
      const coupon = await service.createCoupons({ code: "NOWHERE", ...tenPercent })
      await expect(
        service.recordRedemptions([{ coupon_id: coupon.id, amount: 1, currency_code: "usd" }])
      ).rejects.toThrow(/needs a cart_session_id, a cart_id or an order_id/)
    })

    it("lets exactly usage_limit of 20 concurrent redemptions through", async () => {
      const coupon = await service.createCoupons({ code: "RUSH", usage_limit: 5, ...tenPercent })
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, (_, index) => redeem(coupon.id, `order_${index}`))
      )

      const succeeded = attempts.filter((attempt) => attempt.status === "fulfilled")
      const refused = attempts.filter((attempt) => attempt.status === "rejected") as PromiseRejectedResult[]
      expect(succeeded).toHaveLength(5)
      refused.forEach((attempt) => expect(attempt.reason).toMatchObject({ code: "COUPON_USAGE_LIMIT_REACHED" }))
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 5, redemptions: 5 })
    })

    it("lets one customer through usage_limit_per_customer times under concurrency", async () => {
      const coupon = await service.createCoupons({ code: "GREEDY", usage_limit_per_customer: 2, ...tenPercent })
      const attempts = await Promise.allSettled(
        Array.from({ length: 10 }, (_, index) => redeem(coupon.id, `order_${index}`, "cus_1"))
      )
      expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(2)
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 2, redemptions: 2 })
    })
  })

  describe("releaseRedemptions", () => {
    it("gives the seat back, so the coupon can be used again", async () => {
      const coupon = await service.createCoupons({ code: "BACK", usage_limit: 1, ...tenPercent })
      const [redemption] = await redeem(coupon.id, "order_1")

      expect(await service.releaseRedemptions([redemption.id])).toEqual([redemption.id])
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 0, redemptions: 0 })
      await redeem(coupon.id, "order_2")
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("gives a seat back once when the same redemption is released again or unknown ids are given", async () => {
      const coupon = await service.createCoupons({ code: "ONCEBACK", ...tenPercent })
      const [kept] = await redeem(coupon.id, "order_1")
      const [released] = await redeem(coupon.id, "order_2")

      await service.releaseRedemptions([released.id])
      expect(await service.releaseRedemptions([released.id, "cpnrdm_unknown"])).toEqual([])
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
      expect((await service.retrieveCouponRedemption(kept.id)).id).toBe(kept.id)
    })

    it("gives a seat back once when the same redemption is released 10 times concurrently", async () => {
      const coupon = await service.createCoupons({ code: "RACEBACK", ...tenPercent })
      await redeem(coupon.id, "order_1")
      const [released] = await redeem(coupon.id, "order_2")

      const results = await Promise.all(
        Array.from({ length: 10 }, () => service.releaseRedemptions([released.id]))
      )
      expect(results.flat()).toEqual([released.id])
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("keeps the limit and the count exact while releases and redemptions race", async () => {
      const coupon = await service.createCoupons({ code: "CHURN", usage_limit: 3, ...tenPercent })
      const first = await Promise.all([1, 2, 3].map((index) => redeem(coupon.id, `order_${index}`)))

      await Promise.allSettled([
        ...first.map(([redemption]) => service.releaseRedemptions([redemption.id])),
        ...Array.from({ length: 12 }, (_, index) => redeem(coupon.id, `order_new_${index}`)),
      ])

      const usage = await usageOf(coupon.id)
      expect(usage.usage_count).toBe(usage.redemptions)
      expect(usage.usage_count).toBeLessThanOrEqual(3)
    })
  })

  describe("a seat through checkout: session, cart, order", () => {
    const takeAtConvert = (couponId: string, cartSessionId: string, customerId?: string) =>
      service.recordRedemptions([
        { coupon_id: couponId, cart_session_id: cartSessionId, customer_id: customerId, amount: 3, currency_code: "usd" },
      ])

    it("follows the session's seat to its cart and its order, once, however often each move is repeated", async () => {
      const coupon = await service.createCoupons({ code: "FOLLOW", usage_limit: 2, ...tenPercent })
      const [seat] = await takeAtConvert(coupon.id, "csess_1", "cus_1")
      expect((await takeAtConvert(coupon.id, "csess_1", "cus_1"))[0].id).toBe(seat.id)

      expect(await service.moveSeatsToCart("csess_1", "cart_1")).toEqual([seat.id])
      expect(await service.moveSeatsToOrder("cart_1", "order_1")).toEqual([seat.id])
      expect(await service.moveSeatsToOrder("cart_1", "order_1")).toEqual([seat.id])
      // Another order of the same cart (a complete the host repeated) takes nothing.
      expect(await service.moveSeatsToOrder("cart_1", "order_2")).toEqual([])

      expect(await service.retrieveCouponRedemption(seat.id)).toMatchObject({
        cart_session_id: "csess_1",
        cart_id: "cart_1",
        order_id: "order_1",
        customer_id: "cus_1",
      })
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("keeps a claimed seat (its cart is completing) and an order's seat from a release of abandoned seats", async () => {
      const coupon = await service.createCoupons({ code: "CLAIMED", ...tenPercent })
      const [completing] = await takeAtConvert(coupon.id, "csess_1")
      const [ordered] = await takeAtConvert(coupon.id, "csess_2")
      const [abandoned] = await takeAtConvert(coupon.id, "csess_3")
      await service.moveSeatsToCart("csess_1", "cart_1")
      await service.moveSeatsToCart("csess_2", "cart_2")
      await service.moveSeatsToCart("csess_3", "cart_3")
      expect((await service.claimCartSeats("cart_1")).map((seat) => seat.id)).toEqual([completing.id])
      await service.moveSeatsToOrder("cart_2", "order_2")

      const all = [completing.id, ordered.id, abandoned.id]
      expect(await service.releaseRedemptions(all, { unclaimed_only: true })).toEqual([abandoned.id])
      // A claim older than the bound no longer protects the seat (its complete died).
      expect(await service.releaseRedemptions(all, { unclaimed_only: true, claimed_before: new Date(Date.now() + 60_000) })).toEqual([
        completing.id,
      ])
      expect(await usageOf(coupon.id)).toEqual({ usage_count: 1, redemptions: 1 })
    })

    it("gives an unclaimed seat back to the release again once a failed complete unclaims it", async () => {
      const coupon = await service.createCoupons({ code: "UNCLAIM", ...tenPercent })
      const [seat] = await takeAtConvert(coupon.id, "csess_1")
      await service.moveSeatsToCart("csess_1", "cart_1")
      await service.claimCartSeats("cart_1")
      expect(await service.releaseRedemptions([seat.id], { unclaimed_only: true })).toEqual([])
      await service.unclaimSeats([seat.id])
      expect(await service.releaseRedemptions([seat.id], { unclaimed_only: true })).toEqual([seat.id])
    })

    it("lets exactly one of a claim and a release win when they race for the same seat", async () => {
      for (let round = 0; round < 10; round++) {
        const coupon = await service.createCoupons({ code: `RACE${round}`, ...tenPercent })
        const [seat] = await takeAtConvert(coupon.id, `csess_${round}`)
        await service.moveSeatsToCart(`csess_${round}`, `cart_${round}`)
        const [claimed, released] = await Promise.all([
          service.claimCartSeats(`cart_${round}`),
          service.releaseRedemptions([seat.id], { unclaimed_only: true }),
        ])
        expect(claimed.length + released.length).toBe(1)
        expect(await usageOf(coupon.id)).toEqual(
          claimed.length ? { usage_count: 1, redemptions: 1 } : { usage_count: 0, redemptions: 0 }
        )
      }
    })
  })
})
