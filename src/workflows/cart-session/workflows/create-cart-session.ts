import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  addCodesStep,
  addLineItemsStep,
  createCartSessionStep,
  RequestedItem,
  resolveCartSessionSetupStep,
  resolveSellableVariantsStep,
} from "../steps"
import type { WantedCode } from "../utils/code-plan"
import { repriceCartSession } from "../utils/compose"

export type CreateCartSessionWorkflowInput = {
  region_id?: string | null
  sales_channel_id?: string | null
  /** The sales channels of the request's publishable key. */
  publishable_sales_channel_ids: string[]
  /** The logged-in customer, who will own the session. */
  customer_id?: string | null
  email?: string | null
  items?: RequestedItem[]
  discounts?: WantedCode[]
  metadata?: Record<string, unknown> | null
}

export const createCartSessionWorkflowId = "create-cart-session"

/**
 * Creates an open session in a region and sales channel, with its first items
 * and codes, priced. Nobody else can see it yet, so it takes no lock.
 */
export const createCartSessionWorkflow = createWorkflow(
  createCartSessionWorkflowId,
  (input: CreateCartSessionWorkflowInput) => {
    const setup = resolveCartSessionSetupStep({
      region_id: input.region_id,
      sales_channel_id: input.sales_channel_id,
      publishable_sales_channel_ids: input.publishable_sales_channel_ids,
      customer_id: input.customer_id,
      email: input.email,
    })
    const session = createCartSessionStep(
      transform({ setup, input }, ({ setup, input }) => ({ ...setup, metadata: input.metadata ?? null }))
    )
    when("create-cart-session-with-items", { input }, ({ input }) => !!input.items?.length).then(() => {
      const items = resolveSellableVariantsStep({ market: setup, items: input.items!, field: "items" })
      addLineItemsStep({ cart_session_id: session.id, items })
    })
    when("create-cart-session-with-codes", { input }, ({ input }) => !!input.discounts?.length).then(() => {
      addCodesStep({ cart_session_id: session.id, codes: input.discounts!, field: "discounts" })
    })
    repriceCartSession(session.id)
    return new WorkflowResponse({ id: session.id })
  }
)
