import { CheckoutDiscountError } from "../errors"
import { beforeTax, checkTax, currencyExponent, formatMinorUnits, fromMinorUnits, toMinorUnits } from "../pricing"
import type { CartSessionDiscountState, CartSessionLineState, CartSessionState } from "../../modules/cart-session"

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

/** Keys the plugin writes in a host cart's shipping methods' metadata: the bag each is for, and its price there. */
export const SHIPPING_METHOD_METADATA = { session: "cart_session_id", merchant: "merchant_id", amount: "bag_amount" } as const

/** What the host's createCartWorkflow takes to make the session's cart: same market, buyer, address and lines. */
export function hostCartInputOf(session: CartSessionState) {
  const address = session.shipping_address
  return {
    ...(address
      ? {
          shipping_address: Object.fromEntries(
            Object.entries(address).filter(([, value]) => value !== null && value !== undefined)
          ) as Record<string, string>,
        }
      : {}),
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
 * Line metadata key of the price the host cart made at convert gave a session
 * line (see `withCartPrices`).
 */
export const HOST_PRICE_METADATA_KEY = "host_price"

/** The price a host cart gave a line, in minor units, for the line's quantity and the session's customer. */
export type HostPrice = { unit_price: number; quantity: number; customer_id: string | null }

/** A session line the host cart priced differently: `cart_price` null when the cart has no such line at its quantity. */
export type CartPriceDifference = {
  line_id: string
  title: string
  session_price: number
  cart_price: number | null
}

/** The session's lines the host cart does not have at the session's quantity and price (to the minor unit). */
export function cartPriceDifferences(session: CartSessionState, cartLines: HostCartLine[]): CartPriceDifference[] {
  const cartLineOf = new Map(cartLines.map((line) => [sessionLineIdOf(line), line]))
  return session.items.flatMap((line) => {
    const cartLine = cartLineOf.get(line.id)
    const cartPrice =
      cartLine && cartLine.quantity === line.quantity ? toMinorUnits(cartLine.unit_price, session.currency_code, "unit_price") : null
    return cartPrice === line.unit_price
      ? []
      : [{ line_id: line.id, title: line.title, session_price: line.unit_price, cart_price: cartPrice }]
  })
}

/**
 * The session with the host cart's prices on the lines it priced differently,
 * each remembered on its line (metadata `host_price`) for the line's quantity
 * and the session's customer: re-pricing keeps it (`rememberedHostPrice`)
 * until the line or the customer changes, so that the next convert, whose
 * cart prices the line the same way, agrees with the session.
 */
export function withCartPrices(session: CartSessionState, differences: CartPriceDifference[]): CartSessionState {
  const cartPriceOf = new Map(differences.flatMap((difference) => (difference.cart_price === null ? [] : [[difference.line_id, difference.cart_price]])))
  return {
    ...session,
    items: session.items.map((line) => {
      const cartPrice = cartPriceOf.get(line.id)
      if (cartPrice === undefined) {
        return line
      }
      const remembered: HostPrice = { unit_price: cartPrice, quantity: line.quantity, customer_id: session.customer_id }
      return { ...line, unit_price: cartPrice, metadata: { ...line.metadata, [HOST_PRICE_METADATA_KEY]: remembered } }
    }),
  }
}

/** The price a host cart gave the line for its quantity and this customer; null when there is none or it was for another. */
export function rememberedHostPrice(line: CartSessionLineState, customerId: string | null): number | null {
  const remembered = line.metadata?.[HOST_PRICE_METADATA_KEY] as Partial<HostPrice> | undefined
  return remembered &&
    typeof remembered.unit_price === "number" &&
    remembered.quantity === line.quantity &&
    (remembered.customer_id ?? null) === customerId
    ? remembered.unit_price
    : null
}

/** The line's metadata without a remembered host price (null when nothing else is left). */
export function withoutHostPrice(metadata: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!metadata || !(HOST_PRICE_METADATA_KEY in metadata)) {
    return metadata
  }
  const { [HOST_PRICE_METADATA_KEY]: _forgotten, ...rest } = metadata
  return Object.keys(rest).length ? rest : null
}

/**
 * Why a convert was refused for the host cart's prices, line by line; `saved`:
 * the session was saved with the cart's prices (see `withCartPrices`).
 */
export function cartPricesChangedMessage(session: CartSessionState, differences: CartPriceDifference[], saved: boolean): string {
  const money = (amount: number) => `${formatMinorUnits(amount, session.currency_code)} ${session.currency_code.toUpperCase()}`
  const lines = differences
    .map(({ title, session_price, cart_price }) =>
      cart_price === null
        ? `"${title}" is not in it as priced`
        : `"${title}" costs ${money(cart_price)} there, not ${money(session_price)}`
    )
    .join("; ")
  return saved
    ? `The host priced the cart of cart session ${session.id} differently (${lines}): the session now has the cart's prices, ` +
        `review it and convert again`
    : `The host priced the cart of cart session ${session.id} differently (${lines}): ` +
        `price the session (POST /store/cart-sessions/${session.id}/price) and convert again`
}

/**
 * The line adjustments that carry every applied discount of the session
 * (codes and manual ones) to its host cart, one per discount and line, in
 * the host's major units. The host priced each line itself: a price that is
 * not the session's (to the minor unit) refuses the convert, since the
 * discounts were computed on the session's prices.
 */
export function cartAdjustmentsOf(session: CartSessionState, cartLines: HostCartLine[]): HostCartAdjustment[] {
  const differences = cartPriceDifferences(session, cartLines)
  if (differences.length) {
    throw new CheckoutDiscountError("CART_SESSION_PRICES_CHANGED", cartPricesChangedMessage(session, differences, false))
  }
  const cartLineOf = new Map(cartLines.map((line) => [sessionLineIdOf(line), line]))
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
  if (discount.type === "MANUAL") {
    return `Manual discount: ${discount.manual?.name ?? discount.id}`
  }
  return discount.type === "AUTOMATIC" ? `Automatic discount ${discount.code}` : `Code ${discount.code}`
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

/**
 * The session's bags' shipping methods as the host cart's shipping methods: one per bag that has one, at the
 * bag's price, with the bag's merchant and price in its metadata (the order keeps it: which bag each method was
 * for). The host re-prices methods on every refresh; the plugin's refresh handler puts the bag's price back
 * (docs/shipping-and-tax.md).
 */
export function cartShippingMethodsOf(session: CartSessionState, cartId: string) {
  const merchants = new Set(session.items.map((line) => line.merchant_id))
  return session.shipping_methods
    .filter((method) => merchants.has(method.merchant_id))
    .map((method) => ({
      cart_id: cartId,
      shipping_option_id: method.option_id,
      name: method.name,
      amount: fromMinorUnits(method.amount, session.currency_code),
      is_tax_inclusive: method.is_tax_inclusive,
      data: method.data ?? {},
      metadata: {
        [SHIPPING_METHOD_METADATA.session]: session.id,
        [SHIPPING_METHOD_METADATA.merchant]: method.merchant_id,
        [SHIPPING_METHOD_METADATA.amount]: fromMinorUnits(method.amount, session.currency_code),
      },
    }))
}

/**
 * The shipping discounts of the session as code-less adjustments of the host cart's methods (by merchant). The
 * host takes a method's adjustment as an amount before tax, whatever the method: on a tax-inclusive method it
 * gets the discount's part before tax (`beforeTax`), so that the method's total is the bag's to the minor unit.
 */
export function cartShippingAdjustmentsOf(session: CartSessionState, methodIdOfMerchant: Map<string, string>) {
  const exponent = currencyExponent(session.currency_code)
  const taxOf = new Map(
    session.shipping_methods.map((method) => [
      method.merchant_id,
      checkTax(method.tax_rates, method.is_tax_inclusive, `shipping_methods.${method.merchant_id}`),
    ])
  )
  return session.discounts
    .filter((discount) => discount.status === "APPLIED")
    .flatMap((discount) =>
      discount.shipping_allocations
        .filter((share) => share.amount > 0 && methodIdOfMerchant.has(share.merchant_id))
        .map((share) => ({
          shipping_method_id: methodIdOfMerchant.get(share.merchant_id)!,
          amount: beforeTax(share.amount, exponent, taxOf.get(share.merchant_id) ?? null),
          code: null,
          promotion_id: null,
          provider_id: CART_ADJUSTMENT_PROVIDER,
          description: adjustmentDescription(discount),
        }))
    )
}

/** A host cart shipping method as the plugin reads it. */
export type HostCartShippingMethod = { id: string; amount: number | string; metadata?: Record<string, unknown> | null }

/** The plugin's methods of a host cart whose amount the host changed from their bag's price: `{ id, amount }` to put back. */
export function bagPricesToRestore(methods: HostCartShippingMethod[]): { id: string; amount: number }[] {
  return methods.flatMap((method) => {
    const bagAmount = method.metadata?.[SHIPPING_METHOD_METADATA.amount]
    if (typeof bagAmount !== "number" || typeof method.metadata?.[SHIPPING_METHOD_METADATA.merchant] !== "string") return []
    return Number(method.amount) === bagAmount ? [] : [{ id: method.id, amount: bagAmount }]
  })
}
