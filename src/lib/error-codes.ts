// No imports: the typed client (src/client) reads this table in the browser too.

/**
 * The plugin's machine codes (docs/errors.md) with the HTTP status each one answers.
 * The host's error handler rewrites CONFLICT errors to a generic message, so
 * routes answer these themselves (see api/utils/plugin-error-response).
 */
export const PLUGIN_ERROR_STATUS = {
  CART_SESSION_NOT_FOUND: 404,
  CART_SESSION_NOT_OPEN: 409,
  CART_SESSION_DISCOUNT_PENDING: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_INVALID: 400,
  COUPON_CODE_INVALID_FORMAT: 400,
  INVALID_CHARACTERS: 400,
  COUPON_CODE_TAKEN: 409,
  COUPON_NOT_FOUND: 404,
  TOO_MANY_CODES: 400,
  /** An item-level manual discount on a line an applied code already discounts. */
  MANUAL_DISCOUNT_CONFLICT: 409,
  /** A manual amount of 0 or less, or with more decimals than the session's currency has. */
  MANUAL_DISCOUNT_AMOUNT_INVALID: 400,
  /** A manual amount above what is left on its line (item-level) or of the session (cart-level). */
  MANUAL_DISCOUNT_AMOUNT_TOO_HIGH: 400,
  /** An item-level manual discount on a line the session does not have. */
  MANUAL_DISCOUNT_LINE_NOT_FOUND: 400,
  MERCHANT_NOT_FOUND: 404,
  COUPON_USAGE_LIMIT_REACHED: 409,
  COUPON_CUSTOMER_LIMIT_REACHED: 409,
  // Cart sessions (store API)
  CART_SESSION_LINE_ITEM_NOT_FOUND: 404,
  CART_SESSION_DISCOUNT_NOT_FOUND: 404,
  VARIANT_NOT_FOUND: 400,
  VARIANT_NOT_PRICED: 400,
  QUANTITY_OUT_OF_RANGE: 400,
  ADD_ON_NOT_AVAILABLE: 400,
  REGION_NOT_FOUND: 400,
  SALES_CHANNEL_NOT_ALLOWED: 400,
  CURRENCY_NOT_SUPPORTED: 400,
  REGION_CURRENCY_MISMATCH: 400,
  AMOUNT_OUT_OF_RANGE: 400,
  /** Re-pricing at convert changed a code's status (e.g. it expired): the shopper must look again. */
  CART_SESSION_DISCOUNT_CHANGED: 409,
  /** The host priced a line of the cart made at convert differently from the session: price the session again. */
  CART_SESSION_PRICES_CHANGED: 409,
  /**
   * A host cart's discounts from a cart session lost their coupon seats (released): it cannot be completed with them.
   * Raised only inside the host's complete (its validate hook), which answers it as its own not_allowed: 400.
   */
  CART_DISCOUNTS_RELEASED: 400,
  /** The pricing core refused its input: a fault of the plugin, answered with its code, never a 500. */
  PRICING_FAILED: 422,
  /** A shipping method for an option the host does not offer the bag (address, items, profiles), or for a bag the session does not have. */
  SHIPPING_OPTION_INVALID: 400,
  /** Re-pricing at convert removed a bag's shipping method or changed its price: the shopper must look again. */
  CART_SESSION_SHIPPING_CHANGED: 409,
  /** A shipping address in a country the session's region does not have. */
  SHIPPING_ADDRESS_INVALID: 400,
  /** A change without a client version lost the race for a busy session for 15 s. */
  CART_SESSION_BUSY: 409,
  /** Too many codes that do not exist tried by one session or client address in a window (`codeAttempts`): answered with Retry-After. */
  CART_SESSION_CODE_ATTEMPTS_EXCEEDED: 429,
} as const

export type PluginErrorCode = keyof typeof PLUGIN_ERROR_STATUS
