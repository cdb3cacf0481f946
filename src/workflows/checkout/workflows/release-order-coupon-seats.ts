import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { moveCartSeatsToOrderStep, releaseOrderSeatsStep } from "../steps"

export const releaseOrderCouponSeatsWorkflowId = "release-order-coupon-seats"

/**
 * An order was cancelled: its coupon seats go back (run on `order.canceled`).
 * Seats still held by the cart it was placed from count as the order's: they
 * are moved to it first (the process that placed the order can die before
 * its `order.placed` is sent, which leaves them with the cart), so a
 * cancelled order never keeps a seat the release of abandoned carts would
 * later hand to it for good.
 */
export const releaseOrderCouponSeatsWorkflow = createWorkflow(
  releaseOrderCouponSeatsWorkflowId,
  (input: { order_id: string }) => {
    moveCartSeatsToOrderStep(input)
    return new WorkflowResponse(releaseOrderSeatsStep(input))
  }
)
