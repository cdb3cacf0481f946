import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService } from "../../src/modules/coupon"
import { createCouponsStep, deleteCouponsStep, updateCouponsStep } from "../../src/workflows/coupon"
import { hostDirectory } from "../helpers/host"

jest.setTimeout(120_000)

/** A step after the one under test that fails, so the workflow compensates. */
const failStep = createStep("coupon-spec-fail", async () => {
  throw new Error("later step failed")
})

const createThenFail = createWorkflow("coupon-spec-create-then-fail", (input: { code: string }) => {
  const created = createCouponsStep([{ code: input.code, value_type: "percentage", value: 10 }])
  failStep()
  return new WorkflowResponse(created)
})

const updateThenFail = createWorkflow("coupon-spec-update-then-fail", (input: { id: string }) => {
  const updated = updateCouponsStep([{ id: input.id, code: "CHANGED", value: 50, name: null }])
  failStep()
  return new WorkflowResponse(updated)
})

const deleteThenFail = createWorkflow("coupon-spec-delete-then-fail", (input: { id: string }) => {
  const deleted = deleteCouponsStep([input.id])
  failStep()
  return new WorkflowResponse(deleted)
})

medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ getContainer }) => {
    const coupons = () => getContainer().resolve<CouponModuleService>(COUPON_MODULE)

    describe("the coupon workflow steps' compensation", () => {
      it("removes the coupons a create step wrote when a later step fails", async () => {
        const { errors } = await createThenFail(getContainer()).run({
          input: { code: "UNDONE" },
          throwOnError: false,
        })
        expect(errors[0].error.message).toBe("later step failed")
        expect(await coupons().listCoupons({}, { withDeleted: true })).toEqual([])
      })

      it("writes back the previous values an update step changed when a later step fails", async () => {
        const coupon = await coupons().createCoupons({
          code: "ORIGINAL",
          name: "Kept",
          value_type: "percentage",
          value: 10,
        })
        await updateThenFail(getContainer()).run({ input: { id: coupon.id }, throwOnError: false })
        expect(await coupons().retrieveCoupon(coupon.id)).toMatchObject({
          code: "ORIGINAL",
          name: "Kept",
          value: 10,
        })
      })

      it("restores a coupon a delete step removed when a later step fails", async () => {
        const coupon = await coupons().createCoupons({ code: "RESTORED", value_type: "percentage", value: 10 })
        await deleteThenFail(getContainer()).run({ input: { id: coupon.id }, throwOnError: false })
        expect(await coupons().retrieveCoupon(coupon.id)).toMatchObject({ code: "RESTORED", deleted_at: null })
      })
    })
  },
})
