import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { moveCartSeatsToOrderStep } from "../steps"

export const redeemOrderCouponSeatsWorkflowId = "redeem-order-coupon-seats"

/** An order was placed: the seats its cart took at convert become its redemptions (run on `order.placed`). */
export const redeemOrderCouponSeatsWorkflow = createWorkflow(
  redeemOrderCouponSeatsWorkflowId,
  (input: { order_id: string }) => new WorkflowResponse(moveCartSeatsToOrderStep(input))
)
