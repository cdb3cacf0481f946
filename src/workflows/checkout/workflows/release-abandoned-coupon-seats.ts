import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseAbandonedSeatsStep, ReleaseAbandonedSeatsStepInput } from "../steps"

export const releaseAbandonedCouponSeatsWorkflowId = "release-abandoned-coupon-seats"

/** Seats of carts not completed within the cart session's lifetime go back (a scheduled job runs it). */
export const releaseAbandonedCouponSeatsWorkflow = createWorkflow(
  releaseAbandonedCouponSeatsWorkflowId,
  (input: ReleaseAbandonedSeatsStepInput) => new WorkflowResponse(releaseAbandonedSeatsStep(input))
)
