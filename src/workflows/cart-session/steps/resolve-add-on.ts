import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { fetchSellableVariants } from "../host/catalogue"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { catalogueKey, SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import type { ResolvedItem } from "./resolve-sellable-variants"

export type ResolveAddOnStepInput = {
  session: Sealed<CartSessionState>
  /** The session's pricing context; an add-on is priced at quantity 1, its line's. */
  pricing_context: SessionPricingContext
  add_on_id: string
}

/**
 * The add-on to select: a sold, priced variant of a product marked
 * `metadata.add_on: true` whose merchant has items in the session. Anything
 * else is ADD_ON_NOT_AVAILABLE.
 */
export const resolveAddOnStepId = "resolve-cart-session-add-on"

export const resolveAddOnStep = createStep(
  resolveAddOnStepId,
  async ({ session: sealed, pricing_context, add_on_id }: ResolveAddOnStepInput, { container }) => {
    const session = unseal(sealed)
    const wanted = { variant_id: add_on_id, quantity: 1 }
    const addOn = (await fetchSellableVariants(container, [wanted], pricing_context)).get(catalogueKey(wanted))
    const refuse = (reason: string) => {
      throw new CheckoutDiscountError("ADD_ON_NOT_AVAILABLE", `Field 'add_on_id': ${add_on_id} ${reason}`)
    }
    if (!addOn || !addOn.is_add_on_product) {
      return refuse("is not an add-on sold in this sales channel")
    }
    if (addOn.unit_price === null) {
      return refuse(`has no price in ${session.currency_code.toUpperCase()}`)
    }
    const merchantPresent = session.items.some((line) => !line.is_add_on && line.merchant_id === addOn.merchant_id)
    if (!merchantPresent) {
      return refuse(`is an add-on of merchant ${addOn.merchant_id}, and the cart has no items from that merchant`)
    }
    const item: ResolvedItem & { is_add_on: true } = { ...addOn, unit_price: addOn.unit_price, is_add_on: true }
    return new StepResponse(item)
  }
)
