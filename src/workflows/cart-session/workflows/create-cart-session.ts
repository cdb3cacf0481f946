import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ChangeIdempotency } from "../helpers/commit-session"
import {
  addCodesStep,
  addLineItemsStep,
  draftCartSessionStep,
  RequestedItem,
  resolveCartSessionSetupStep,
  resolveSellableVariantsStep,
  resolveSessionPricingContextStep,
} from "../steps"
import type { WantedCode } from "../../../lib/cart-session/code-plan"
import { commitCartSessionChange } from "./commit-cart-session-change"

export type CreateCartSessionWorkflowInput = {
  region_id?: string | null
  /** Must be the region's currency (as the host's cart create). */
  currency_code?: string | null
  sales_channel_id?: string | null
  /** The sales channels of the request's publishable key. */
  publishable_sales_channel_ids: string[]
  /** The logged-in customer, who will own the session. */
  customer_id?: string | null
  email?: string | null
  items?: RequestedItem[]
  discounts?: WantedCode[]
  metadata?: Record<string, unknown> | null
  /** The request's Idempotency-Key (see CartSessionChangeInput). */
  idempotency?: ChangeIdempotency | null
}

export const createCartSessionWorkflowId = "create-cart-session"

/**
 * Creates an open session in a region and sales channel with its first items
 * and codes, priced, written in one transaction. Nobody else can see it yet,
 * so it takes no lock.
 */
export const createCartSessionWorkflow = createWorkflow(
  createCartSessionWorkflowId,
  (input: CreateCartSessionWorkflowInput) => {
    const setup = resolveCartSessionSetupStep(input)
    const empty = draftCartSessionStep(
      transform({ setup, input }, ({ setup, input }) => ({ ...setup, metadata: input.metadata ?? null }))
    )
    const pricing = resolveSessionPricingContextStep({ session: empty.pricing_scope })
    const items = when("create-cart-session-with-items", { input }, ({ input }) => !!input.items?.length).then(() =>
      resolveSellableVariantsStep({ pricing_context: pricing, items: input.items!, field: "items" })
    )
    const withItems = addLineItemsStep({
      session: empty.draft,
      items: transform({ items }, ({ items }) => items ?? []),
    })
    const draft = addCodesStep({
      session: withItems,
      codes: transform({ input }, ({ input }) => input.discounts ?? []),
      field: "discounts",
    })
    const created = commitCartSessionChange({
      before: null,
      draft,
      extend_expiry: true,
      pricing_context: pricing,
      known_variants: transform({ items }, ({ items }) => items ?? []),
      idempotency: input.idempotency,
    })
    return new WorkflowResponse(created.view)
  }
)
