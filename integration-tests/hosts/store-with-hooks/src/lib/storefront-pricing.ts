/**
 * This store prices its web storefront apart: a price list with the rule
 * `storefront: web` applies to its carts, because its own setPricingContext
 * hook handlers add this to every cart's pricing context.
 */
export const STOREFRONT_PRICING_CONTEXT = { storefront: "web" }

/** The cart metadata flag with which the store holds a cart back from completion (its own validate rule). */
export const HOLD_FOR_REVIEW = "hold_for_review"

/** The cart metadata key where the store counts its carts' payment refreshes (its own beforeRefreshingPaymentCollection handler). */
export const PAYMENT_REFRESHES = "payment_refreshes"
