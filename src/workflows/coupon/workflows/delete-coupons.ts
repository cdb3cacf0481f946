import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../events"
import { deleteCouponsStep, loadCouponsStep } from "../steps"

export type DeleteCouponsWorkflowInput = { ids: string[] }

export const deleteCouponsWorkflowId = "delete-coupons"

/** Soft-deletes coupons (`COUPON_NOT_FOUND` for an unknown one) and emits `coupon.deleted` for each. */
export const deleteCouponsWorkflow = createWorkflow(
  deleteCouponsWorkflowId,
  (input: DeleteCouponsWorkflowInput) => {
    loadCouponsStep(input.ids)
    const deletedIds = deleteCouponsStep(input.ids)
    emitEventStep({
      eventName: CouponEvents.DELETED,
      data: transform({ deletedIds }, ({ deletedIds }) => deletedIds.map((id) => ({ id }))),
    })
    return new WorkflowResponse(deletedIds)
  }
)
