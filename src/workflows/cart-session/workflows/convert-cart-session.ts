import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { unseal } from "../helpers/sealed"
import { createCartWorkflow, emitEventStep, updateTaxLinesWorkflow } from "@medusajs/medusa/core-flows"
import { CartSessionEvents } from "../events"
import {
  buildCartSessionViewStep,
  carryDiscountsToCartStep,
  carryShippingToCartStep,
  checkSessionCodesStep,
  commitConvertedSessionStep,
  confirmCartPricesStep,
  fetchSessionCatalogueStep,
  loadCartSessionStep,
  priceCartSessionDraftStep,
  priceSessionShippingStep,
  refuseChangedDiscountsStep,
  releaseCartSessionTurnStep,
  takeCartSessionTurnStep,
  takeCouponSeatsStep,
  validateCartSessionPricedStep,
} from "../steps"
import { hostCartInputOf } from "../../../lib/cart-session/host-cart"
import type { CartSessionChangeInput } from "../../../lib/cart-session/session-rules"

export type ConvertCartSessionWorkflowInput = CartSessionChangeInput

export const convertCartSessionWorkflowId = "convert-cart-session"

/**
 * Takes a session to checkout: makes the host cart it becomes, carrying its
 * discounts. Gates first: it must be open with no code waiting to be priced
 * (CART_SESSION_DISCOUNT_PENDING); it is priced again now (dates, limits,
 * host prices) and a code whose status changed refuses the convert
 * (CART_SESSION_DISCOUNT_CHANGED, the new status saved). Then, all or
 * nothing: a seat of each applied code's coupon (limits re-checked under
 * row locks), the host cart through the host's own createCartWorkflow (same
 * region, channel, customer, email, currency, address, lines), whose prices must be
 * the session's (else the session takes the cart's, is saved, and the
 * convert refused once with CART_SESSION_PRICES_CHANGED), the discounts as
 * the plugin's line adjustments, one shipping method a bag at the bag's price
 * (its shipping discounts as the plugin's adjustments of it) with the host's tax
 * lines, and the session `converted` with its cart. A bag's method the host no
 * longer offers, or whose price for the bag changed, refuses the convert once
 * (CART_SESSION_SHIPPING_CHANGED, the session saved without it or at the new price).
 */
export const convertCartSessionWorkflow = createWorkflow(
  convertCartSessionWorkflowId,
  (input: ConvertCartSessionWorkflowInput) => {
    const turn = takeCartSessionTurnStep({ cart_session_id: input.cart_session_id })
    const loaded = loadCartSessionStep(input)
    validateCartSessionPricedStep({ session: loaded.session })
    const catalogue = fetchSessionCatalogueStep({ session: loaded.draft })
    const codes = checkSessionCodesStep({ session: loaded.draft, catalogue })
    const shipping = priceSessionShippingStep({ draft: loaded.draft, catalogue, codes, recheck_all: true })
    const priced = priceCartSessionDraftStep({
      before: loaded.session,
      draft: shipping.draft,
      variants: catalogue.variants,
      catalogue_read: catalogue.read,
      codes,
      extend_expiry: true,
    })
    refuseChangedDiscountsStep({ before: loaded.session, after: priced, notices: shipping.notices })
    takeCouponSeatsStep({ before: loaded.session, session: priced, variants: catalogue.variants })
    const cart = createCartWorkflow.runAsStep({ input: transform({ priced }, ({ priced }) => hostCartInputOf(unseal(priced))) })
    const cartId = transform({ cart }, ({ cart }) => cart.id)
    const confirmed = confirmCartPricesStep({
      before: loaded.session,
      session: priced,
      variants: catalogue.variants,
      codes,
      cart_id: cartId,
    })
    carryDiscountsToCartStep({ cart: confirmed, session: priced })
    carryShippingToCartStep({ cart_id: cartId, session: priced })
    updateTaxLinesWorkflow.runAsStep({ input: { cart_id: cartId } })
    const converted = commitConvertedSessionStep({ before: loaded.session, session: priced, cart_id: cartId })
    const view = buildCartSessionViewStep({ session: converted, add_ons: [] })
    releaseCartSessionTurnStep(turn)
    emitEventStep({
      eventName: CartSessionEvents.CONVERTED,
      data: transform({ view }, ({ view }) => ({ id: view.id, cart_id: view.converted_cart_id })),
    })
    return new WorkflowResponse(view)
  }
)
