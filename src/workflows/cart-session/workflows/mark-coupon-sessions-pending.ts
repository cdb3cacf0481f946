import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findCouponsHeldBySessionsStep } from "../steps"
import { markCartSessionsPendingWorkflow } from "./mark-cart-sessions-pending"

export type MarkCouponSessionsPendingWorkflowInput = { coupon_ids: string[] }

export const markCouponSessionsPendingWorkflowId = "mark-coupon-sessions-pending"

/**
 * Coupons were created, edited, deleted or generated: the open sessions
 * holding one of them (by id, or by code, ignoring case) go back to PENDING.
 * Most coupons, and nearly every generated one, are held by no session: then
 * the marking workflow and its locks are skipped. Returns the ids of the
 * sessions marked.
 */
export const markCouponSessionsPendingWorkflow = createWorkflow(
  markCouponSessionsPendingWorkflowId,
  (input: MarkCouponSessionsPendingWorkflowInput) => {
    const held = findCouponsHeldBySessionsStep(input)
    const marked = when("mark-sessions-holding-coupons", { held }, ({ held }) => held.coupon_ids.length > 0).then(
      () => markCartSessionsPendingWorkflow.runAsStep({ input: held })
    )
    return new WorkflowResponse(transform({ marked }, ({ marked }) => marked ?? []))
  }
)
