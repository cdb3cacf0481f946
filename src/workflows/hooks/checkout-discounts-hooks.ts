import type { MedusaContainer } from "@medusajs/framework/types"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService } from "../../modules/coupon"
import { claimSeatsOfCompletingCart, dropDiscountsOfChangedCart, restoreBagShippingPrices } from "../checkout/cart-discounts"

// The plugin's handlers of two host workflow hooks, as functions a store calls
// from its own handler (the host takes one handler per hook). Nothing here
// registers anything: see take-free-cart-hooks.ts.

/** What the plugin's handlers use of the context the host gives a hook handler. */
export type CheckoutDiscountsHookContext = { container: MedusaContainer }

/** What the plugin's complete handler reads of `completeCartWorkflow.hooks.validate`'s input. */
export type CompleteCartValidateInput = { cart: Parameters<typeof claimSeatsOfCompletingCart>[1] }

/** What the plugin's refresh handler reads of `refreshCartItemsWorkflow.hooks.setPricingContext`'s input. */
export type RefreshCartSetPricingContextInput = { cart_id: string }

/**
 * For `completeCartWorkflow.hooks.validate`: a cart carrying the plugin's
 * discounts claims its coupon seats, so no release of abandoned seats gives
 * them back while the order is made; a cart whose seats were released, or
 * whose lines are no longer its session's, is refused (400
 * CART_DISCOUNTS_RELEASED). Returns the StepResponse the hook takes, whose
 * compensation input is the seats claimed: pass them to
 * `completeCartValidateCompensate`. Run it after a store's own checks, so
 * that a refusal of theirs leaves no claim behind.
 */
export async function completeCartValidate(input: CompleteCartValidateInput, { container }: CheckoutDiscountsHookContext) {
  const claimed = await claimSeatsOfCompletingCart(container, input.cart)
  return new StepResponse(undefined, claimed)
}

/** The compensation of `completeCartValidate`: a complete that failed after the claim gives it back. */
export async function completeCartValidateCompensate(claimed: unknown, { container }: CheckoutDiscountsHookContext) {
  const seatIds = Array.isArray(claimed) ? claimed.filter((id): id is string => typeof id === "string") : []
  if (seatIds.length) {
    await container.resolve<CouponModuleService>(COUPON_MODULE).unclaimSeats(seatIds)
  }
}

/**
 * For `refreshCartItemsWorkflow.hooks.setPricingContext` (it runs first in
 * every cart refresh, before the host reads the cart back for its payment
 * collection): when a converted cart's lines are no longer its session's, the
 * discounts priced for them are dropped and their seats given back. Returns
 * the plugin's part of the pricing context, to spread into the store's
 * (nothing today).
 */
export async function refreshCartSetPricingContext(
  input: RefreshCartSetPricingContextInput,
  { container }: CheckoutDiscountsHookContext
): Promise<Record<string, unknown>> {
  await dropDiscountsOfChangedCart(container, input.cart_id)
  return {}
}

/** What the plugin's handler reads of `refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection`'s input. */
export type RefreshCartBeforePaymentInput = { input: { cart_id: string } }

/**
 * For `refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection` (it runs in every cart refresh after
 * the host re-priced the shipping methods from the whole cart, and before the payment collection is synced):
 * each shipping method the plugin gave a cart at convert gets its bag's price back (docs/shipping-and-tax.md),
 * so a "free over 50" priced on one merchant's bag stays that bag's price whatever the rest of the cart holds.
 */
export async function refreshCartBeforePayment(input: RefreshCartBeforePaymentInput, { container }: CheckoutDiscountsHookContext) {
  await restoreBagShippingPrices(container, input.input.cart_id)
}

/** The plugin's hook handlers, named after the hook each belongs to. */
export const checkoutDiscountsHooks = {
  completeCartValidate,
  completeCartValidateCompensate,
  refreshCartSetPricingContext,
  refreshCartBeforePayment,
}
