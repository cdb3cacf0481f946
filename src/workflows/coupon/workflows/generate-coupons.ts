import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponFields } from "../../../modules/coupon"
import { CouponEvents } from "../events"
import { generateCouponsStep, validateNewCouponsStep } from "../steps"

export type GenerateCouponsWorkflowInput = {
  prefix: string
  count: number
  /** Length of the random part after the prefix. */
  length: number
  /** Every generated coupon gets these terms. */
  template: Omit<CouponFields, "code">
}

export const generateCouponsWorkflowId = "generate-coupons"

/**
 * Creates `count` coupons with unique random codes and the template's terms,
 * all in one insert transaction (all or nothing), and emits one
 * `coupon.generated` with the ids of the whole batch. The template's terms and
 * rules are checked once (on a coupon with a placeholder code of the batch's
 * shape); the codes are drawn and inserted in bulk by the module.
 */
export const generateCouponsWorkflow = createWorkflow(
  generateCouponsWorkflowId,
  (input: GenerateCouponsWorkflowInput) => {
    validateNewCouponsStep(
      transform({ input }, ({ input }) => [{ ...input.template, code: "X" }])
    )
    const created = generateCouponsStep(input)
    emitEventStep({
      eventName: CouponEvents.GENERATED,
      data: transform({ created }, ({ created }) => ({ ids: created.map((coupon) => coupon.id) })),
    })
    return new WorkflowResponse(
      transform({ created }, ({ created }) => ({ coupons: created, count: created.length }))
    )
  }
)
