import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseOrderSeatsStep } from "../steps"

export const releaseOrderCouponSeatsWorkflowId = "release-order-coupon-seats"

/** An order was cancelled: its coupon seats go back (run on `order.canceled`). */
export const releaseOrderCouponSeatsWorkflow = createWorkflow(
  releaseOrderCouponSeatsWorkflowId,
  (input: { order_id: string }) => new WorkflowResponse(releaseOrderSeatsStep(input))
)
