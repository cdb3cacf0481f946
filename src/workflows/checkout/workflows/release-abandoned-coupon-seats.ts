import type { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseAbandonedSeatsStep, ReleaseAbandonedSeatsStepInput, ReleasedAbandonedSeats } from "../steps"

export const releaseAbandonedCouponSeatsWorkflowId = "release-abandoned-coupon-seats"

/** Seats of carts not completed within the cart session's lifetime go back (a scheduled job runs it). */
export const releaseAbandonedCouponSeatsWorkflow = createWorkflow(
  releaseAbandonedCouponSeatsWorkflowId,
  (input: ReleaseAbandonedSeatsStepInput) => new WorkflowResponse(releaseAbandonedSeatsStep(input))
)

const BATCH_SIZE = 500

/**
 * Runs the release of abandoned seats as of `now` in batches until a batch
 * finds fewer than a batch's worth: what the scheduled job does with the
 * clock, and what a script or test does with a time of its choosing (a
 * claim times out 15 minutes after it was made, a seat after the session's
 * lifetime). Returns every seat released and kept by its order.
 */
export async function releaseAbandonedCouponSeats(
  container: MedusaContainer,
  { now = new Date(), batchSize = BATCH_SIZE }: { now?: Date; batchSize?: number } = {}
): Promise<ReleasedAbandonedSeats> {
  const total: ReleasedAbandonedSeats = { released: [], kept_by_orders: [] }
  let handled: number
  do {
    const { result } = await releaseAbandonedCouponSeatsWorkflow(container).run({
      input: { now: now.toISOString(), limit: batchSize },
    })
    total.released.push(...result.released)
    total.kept_by_orders.push(...result.kept_by_orders)
    handled = result.released.length + result.kept_by_orders.length
  } while (handled === batchSize)
  return total
}
