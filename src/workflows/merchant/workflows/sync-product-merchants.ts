import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { registerProductMerchantsStep, RegisterProductMerchantsInput } from "../steps"

export const syncProductMerchantsWorkflowId = "sync-product-merchants"

/** Keeps the merchant directory in step with the merchants products name. */
export const syncProductMerchantsWorkflow = createWorkflow(
  syncProductMerchantsWorkflowId,
  (input: RegisterProductMerchantsInput) => {
    const created = registerProductMerchantsStep(input)
    return new WorkflowResponse(created)
  }
)
