import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { unseal } from "../helpers/sealed"
import { fromMinorUnits } from "../../../lib/pricing"
import {
  checkSessionCodesStep,
  fetchSessionCatalogueStep,
  loadCartSessionStep,
  priceSessionShippingStep,
} from "../steps"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"

export type ListCartSessionShippingOptionsWorkflowInput = Pick<CartSessionChangeInput, "cart_session_id" | "actor">

export const listCartSessionShippingOptionsWorkflowId = "list-cart-session-shipping-options"

/**
 * For each bag of an open session, the shipping options the host offers it at the session's address, each
 * priced for that bag alone (its own item total after item discounts). Reads; writes nothing. A session
 * without an address is offered nothing.
 */
export const listCartSessionShippingOptionsWorkflow = createWorkflow(
  listCartSessionShippingOptionsWorkflowId,
  (input: ListCartSessionShippingOptionsWorkflowInput) => {
    const loaded = loadCartSessionStep(input)
    const catalogue = fetchSessionCatalogueStep({ session: loaded.draft, stored: loaded.session })
    const codes = checkSessionCodesStep({ session: loaded.draft, catalogue })
    const shipping = priceSessionShippingStep({ draft: loaded.draft, catalogue, codes, offer_all_bags: true })
    const bags = transform({ shipping }, ({ shipping }) => {
      const { offers } = shipping
      const draft = unseal(shipping.draft)
      const merchants = [...new Set(draft.items.map((line) => line.merchant_id))]
      return merchants.map((merchant_id) => ({
        merchant_id,
        shipping_options: (offers[merchant_id] ?? []).map((option) => ({
          id: option.id,
          name: option.name,
          price_type: option.price_type,
          provider_id: option.provider_id,
          amount: fromMinorUnits(option.amount, draft.currency_code),
          is_tax_inclusive: option.is_tax_inclusive,
          selected: draft.shipping_methods.some((method) => method.merchant_id === merchant_id && method.option_id === option.id),
        })),
      }))
    })
    return new WorkflowResponse(bags)
  }
)
