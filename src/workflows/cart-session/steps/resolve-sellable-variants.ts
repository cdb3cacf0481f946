import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { fetchSellableVariants } from "../host/catalogue"
import { catalogueKey, SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import { cartSessionService } from "../helpers/service"
import { assertLineQuantity } from "../../../lib/cart-session/session-rules"

export type RequestedItem = { variant_id: string; quantity: number }

export type ResolveSellableVariantsStepInput = {
  /** The session's: the cart it becomes prices its lines so. */
  pricing_context: SessionPricingContext
  items: RequestedItem[]
  /** How the request names its items, for messages: "items" → items[0].variant_id; absent → variant_id. */
  field?: string
}

export type ResolvedItem = CatalogueVariant & { unit_price: number }

/**
 * The host's title, product, merchant and price (in the session's pricing
 * context, at the quantity requested) of each requested variant. Refuses a variant that does not exist
 * or is not sold in the session's channel (VARIANT_NOT_FOUND), one without a
 * price in the session's currency (VARIANT_NOT_PRICED), and a quantity out of
 * range (QUANTITY_OUT_OF_RANGE).
 */
export const resolveSellableVariantsStepId = "resolve-sellable-variants"

export const resolveSellableVariantsStep = createStep(
  resolveSellableVariantsStepId,
  async (input: ResolveSellableVariantsStepInput, { container }) => {
    const { maxLineQuantity } = cartSessionService(container).getOptions()
    const fieldOf = (index: number, name: string) => (input.field ? `${input.field}[${index}].${name}` : name)
    input.items.forEach((item, index) => assertLineQuantity(item.quantity, maxLineQuantity, fieldOf(index, "quantity")))

    const sellable = await fetchSellableVariants(container, input.items, input.pricing_context)
    const resolved = input.items.map((item, index): ResolvedItem => {
      const variant = sellable.get(catalogueKey(item))
      if (!variant) {
        throw new CheckoutDiscountError(
          "VARIANT_NOT_FOUND",
          `Field '${fieldOf(index, "variant_id")}': variant ${item.variant_id} does not exist or is not sold in this sales channel`
        )
      }
      if (variant.unit_price === null) {
        throw new CheckoutDiscountError(
          "VARIANT_NOT_PRICED",
          `Field '${fieldOf(index, "variant_id")}': variant ${item.variant_id} has no price in ${input.pricing_context.currency_code.toUpperCase()} for this region`
        )
      }
      return { ...variant, unit_price: variant.unit_price }
    })
    return new StepResponse(resolved)
  }
)
