import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { cartShippingAdjustmentsOf, cartShippingMethodsOf, SHIPPING_METHOD_METADATA } from "../../../lib/cart-session/host-cart"

export type CarryShippingToCartStepInput = { cart_id: string; session: Sealed<CartSessionState> }

export const carryShippingToCartStepId = "carry-cart-session-shipping-to-cart"

/**
 * Gives the host cart made from the session one shipping method for every bag that has one, at the bag's
 * price (metadata: the bag's merchant and price), and the session's shipping discounts as the plugin's
 * code-less adjustments of those methods. The host's tax lines are made for them next (updateTaxLinesWorkflow).
 * Compensation removes them.
 */
export const carryShippingToCartStep = createStep(
  carryShippingToCartStepId,
  async ({ cart_id, session: sealed }: CarryShippingToCartStepInput, { container }) => {
    const session = unseal(sealed)
    const wanted = cartShippingMethodsOf(session, cart_id)
    if (!wanted.length) {
      return new StepResponse({ methods: [] as string[], adjustments: [] as string[] }, { methods: [], adjustments: [] })
    }
    const cart = container.resolve(Modules.CART)
    const methods = (await cart.addShippingMethods(wanted as any)) as unknown as { id: string; metadata?: Record<string, unknown> | null }[]
    const methodIdOfMerchant = new Map<string, string>(
      methods.map((method) => [method.metadata?.[SHIPPING_METHOD_METADATA.merchant] as string, method.id])
    )
    const adjustments = cartShippingAdjustmentsOf(session, methodIdOfMerchant)
    const created = adjustments.length ? await cart.addShippingMethodAdjustments(adjustments as any) : []
    const ids = { methods: methods.map((method) => method.id), adjustments: created.map((adjustment: any) => adjustment.id as string) }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids) return
    const cart = container.resolve(Modules.CART)
    if (ids.adjustments.length) await cart.softDeleteShippingMethodAdjustments(ids.adjustments)
    if (ids.methods.length) await cart.softDeleteShippingMethods(ids.methods)
  }
)
