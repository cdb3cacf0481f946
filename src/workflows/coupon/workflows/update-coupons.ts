import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { UpdateCouponInput } from "../../../modules/coupon"
import { CouponEvents } from "../events"
import { loadCouponsStep, updateCouponsStep, validateCouponUpdatesStep } from "../steps"

export type UpdateCouponsWorkflowInput = { coupons: UpdateCouponInput[] }

export const updateCouponsWorkflowId = "update-coupons"

/** Updates coupons, checked as they will be after the change, and emits `coupon.updated` for each. */
export const updateCouponsWorkflow = createWorkflow(
  updateCouponsWorkflowId,
  (input: UpdateCouponsWorkflowInput) => {
    const ids = transform({ input }, ({ input }) => input.coupons.map((coupon) => coupon.id))
    const current = loadCouponsStep(ids)
    validateCouponUpdatesStep({ updates: input.coupons, current })
    const updatedIds = updateCouponsStep(input.coupons)
    emitEventStep({
      eventName: CouponEvents.UPDATED,
      data: transform({ updatedIds }, ({ updatedIds }) => updatedIds.map((id) => ({ id }))),
    })
    return new WorkflowResponse(updatedIds)
  }
)
