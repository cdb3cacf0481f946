import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponFields } from "../../../modules/coupon"
import { CouponEvents } from "../events"
import { createCouponsStep, generateCouponCodesStep, validateNewCouponsStep } from "../steps"

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
 * `coupon.generated` with the ids of the whole batch.
 */
export const generateCouponsWorkflow = createWorkflow(
  generateCouponsWorkflowId,
  (input: GenerateCouponsWorkflowInput) => {
    const codes = generateCouponCodesStep(
      transform({ input }, ({ input }) => ({
        prefix: input.prefix,
        count: input.count,
        length: input.length,
        merchant_id: input.template.merchant_id ?? null,
      }))
    )
    const coupons = transform({ input, codes }, ({ input, codes }) =>
      codes.map((code) => ({ ...input.template, code }))
    )
    validateNewCouponsStep(coupons)
    const created = createCouponsStep(coupons)
    emitEventStep({
      eventName: CouponEvents.GENERATED,
      data: transform({ created }, ({ created }) => ({ ids: created.map((coupon) => coupon.id) })),
    })
    return new WorkflowResponse(
      transform({ created }, ({ created }) => ({ coupons: created, count: created.length }))
    )
  }
)
