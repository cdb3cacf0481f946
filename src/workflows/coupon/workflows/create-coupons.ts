import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CreateCouponInput } from "../../../modules/coupon"
import { CouponEvents } from "../events"
import { createCouponsStep, validateNewCouponsStep } from "../steps"

export type CreateCouponsWorkflowInput = { coupons: CreateCouponInput[] }

export const createCouponsWorkflowId = "create-coupons"

/** Creates coupons and emits `coupon.created` for each. */
export const createCouponsWorkflow = createWorkflow(
  createCouponsWorkflowId,
  (input: CreateCouponsWorkflowInput) => {
    validateNewCouponsStep(input.coupons)
    const created = createCouponsStep(input.coupons)
    emitEventStep({
      eventName: CouponEvents.CREATED,
      data: transform({ created }, ({ created }) => created.map((coupon) => ({ id: coupon.id }))),
    })
    return new WorkflowResponse(created)
  }
)
