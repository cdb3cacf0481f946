import type { CartSessionState } from "../../../modules/cart-session"

/** A loaded open session of the unit tests: its bookkeeping fixed, lines and discounts as the test needs. */
export function sessionState(
  overrides: Partial<CartSessionState> & Pick<CartSessionState, "items" | "discounts">
): CartSessionState {
  return {
    id: "csess_1",
    status: "open",
    currency_code: "usd",
    region_id: "reg_1",
    sales_channel_id: "sc_1",
    customer_id: null,
    email: null,
    shipping_address: null,
    shipping_methods: [],
    version: 3,
    priced: true,
    expires_at: "2026-12-09T09:00:00.000Z",
    converted_cart_id: null,
    metadata: null,
    catalogue_read_at: null,
    pricing_context_key: null,
    created_at: "2026-12-01T09:00:00.000Z",
    updated_at: "2026-12-02T09:00:00.000Z",
    ...overrides,
  }
}
