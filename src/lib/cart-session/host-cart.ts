import { CheckoutDiscountError } from "../errors"
import { fromMinorUnits, toMinorUnits } from "../pricing"
import type { CartSessionDiscountState, CartSessionState } from "../../modules/cart-session"

/**
 * `provider_id` of the line adjustments the plugin puts on a host cart. They
 * carry no `code` and no `promotion_id`, so the host's promotion refresh
 * leaves them alone and completion copies them into the order as they are
 * (docs/host-facts.md "Line-item adjustments").
 */
export const CART_ADJUSTMENT_PROVIDER = "checkout-discounts"

/** Keys the plugin writes in a host cart's (and its lines') metadata. */
export const CART_METADATA = { session: "cart_session_id", line: "cart_session_line_id" } as const

/** A host cart line as the plugin reads it. */
export type HostCartLine = {
  id: string
  variant_id: string | null
  quantity: number
  unit_price: number | string
  is_tax_inclusive?: boolean | null
  metadata?: Record<string, unknown> | null
  adjustments?: ({ id: string; provider_id?: string | null; amount?: number | string } | null)[] | null
}

export type HostCartAdjustment = {
  item_id: string
  amount: number
  code: null
  promotion_id: null
  provider_id: string
  description: string
  is_tax_inclusive: boolean
}

/** What the host's createCartWorkflow takes to make the session's cart: same market, buyer and lines. */
export function hostCartInputOf(session: CartSessionState) {
  return {
    region_id: session.region_id,
    sales_channel_id: session.sales_channel_id,
    currency_code: session.currency_code,
    customer_id: session.customer_id ?? undefined,
    email: session.email ?? undefined,
    metadata: { [CART_METADATA.session]: session.id },
    items: session.items.map((line) => ({
      variant_id: line.variant_id,
      quantity: line.quantity,
      metadata: { [CART_METADATA.line]: line.id, ...(line.is_add_on ? { is_add_on: true } : {}) },
    })),
  }
}

/** The session line a host cart line was made from. */
export function sessionLineIdOf(line: HostCartLine): string | null {
  const id = line.metadata?.[CART_METADATA.line]
  return typeof id === "string" ? id : null
}

/**
 * The line adjustments that carry every applied discount of the session
 * (codes and manual ones) to its host cart, one per discount and line, in
 * the host's major units. The host priced each line itself: a price that is
 * not the session's (to the minor unit) refuses the convert, since the
 * discounts were computed on the session's prices.
 */
export function cartAdjustmentsOf(session: CartSessionState, cartLines: HostCartLine[]): HostCartAdjustment[] {
  const cartLineOf = new Map(cartLines.map((line) => [sessionLineIdOf(line), line]))
  for (const line of session.items) {
    const cartLine = cartLineOf.get(line.id)
    const hostPrice = cartLine ? toMinorUnits(cartLine.unit_price, session.currency_code, "unit_price") : null
    if (!cartLine || cartLine.quantity !== line.quantity || hostPrice !== line.unit_price) {
      throw new CheckoutDiscountError(
        "CART_SESSION_PRICES_CHANGED",
        `The host priced "${line.title}" at ${hostPrice === null ? "nothing" : fromMinorUnits(hostPrice, session.currency_code)} ` +
          `for cart session ${session.id}, which priced it at ${fromMinorUnits(line.unit_price, session.currency_code)}: ` +
          `price the session (POST /store/cart-sessions/${session.id}/price) and convert again`
      )
    }
  }
  return session.discounts
    .filter((discount) => discount.status === "APPLIED")
    .flatMap((discount) =>
      discount.allocations
        .filter((allocation) => allocation.amount > 0)
        .map((allocation) => {
          const cartLine = cartLineOf.get(allocation.line_item_id)!
          return {
            item_id: cartLine.id,
            amount: fromMinorUnits(allocation.amount, session.currency_code),
            code: null,
            promotion_id: null,
            provider_id: CART_ADJUSTMENT_PROVIDER,
            description: adjustmentDescription(discount),
            is_tax_inclusive: cartLine.is_tax_inclusive === true,
          }
        })
    )
}

function adjustmentDescription(discount: CartSessionDiscountState): string {
  return discount.type === "CODE" ? `Code ${discount.code}` : `Manual discount: ${discount.manual?.name ?? discount.id}`
}

/** The plugin's adjustments on a host cart's lines. */
export function pluginAdjustmentIdsOf(cartLines: HostCartLine[]): string[] {
  return cartLines.flatMap((line) =>
    (line.adjustments ?? []).flatMap((adjustment) =>
      adjustment && adjustment.provider_id === CART_ADJUSTMENT_PROVIDER ? [adjustment.id] : []
    )
  )
}

/**
 * Whether the host cart still has exactly the lines the session converted
 * into (same lines, variants and quantities, none added): the discounts it
 * carries were priced for those lines and hold only while they do.
 */
export function cartHasSessionLines(session: CartSessionState, cartLines: HostCartLine[]): boolean {
  if (cartLines.length !== session.items.length) {
    return false
  }
  const sessionLines = new Map(session.items.map((line) => [line.id, line]))
  return cartLines.every((cartLine) => {
    const line = sessionLines.get(sessionLineIdOf(cartLine) ?? "")
    return !!line && line.variant_id === cartLine.variant_id && line.quantity === cartLine.quantity
  })
}
