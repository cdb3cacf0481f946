// A session's shipping and tax, decided in pure code (docs/shipping-and-tax.md): which of a bag's chosen
// method still holds, a new choice checked against what the host offers the bag, the host's tax rates put on
// the lines and methods. The host is read in workflows/cart-session/host/shipping.ts.
import { createHash } from "crypto"
import { CheckoutDiscountError } from "../errors"
import { formatMinorUnits, type PricedSession } from "../pricing"
import type { OfferedShippingOptionTerms } from "../../client/types"
import type { CartSessionAddress, CartSessionShippingMethodState, CartSessionState } from "../../modules/cart-session"

/** Why a change removed a bag's shipping method; said in that change's answer. */
export type ShippingNotice = { merchant_id: string; message: string }

/** A shipping option the host offers one bag, priced for that bag alone (`amount` in minor units here). */
export type OfferedShippingOption = OfferedShippingOptionTerms & {
  /** The option's own data, passed to its provider. */
  data: Record<string, unknown> | null
}

/** By merchant: the options the host offers each bag asked about. */
export type BagShippingOffers = Record<string, OfferedShippingOption[]>

/** The host's tax rates (percent) for the session's address: by line id, and by shipping option id. */
export type SessionTaxRates = { lines: Record<string, number[]>; options: Record<string, number[]> }

/** A bag's choice asked for by the shopper. */
export type WantedShippingMethod = { merchant_id: string; option_id: string }

/**
 * What an option of a bag is priced on, by merchant: the bag's items after item discounts, tax included where
 * prices exclude it (the host's `item_total`, counted on the bag alone). From a pricing of the session without
 * shipping: shipping never changes what the items come to.
 */
export function bagItemTotals(priced: PricedSession): Map<string, number> {
  return new Map(priced.bags.map((bag) => [bag.merchant_id, bag.total]))
}

/** The shipping options whose tax rates a change reads: its methods' and the one being chosen. */
export function optionsToTax(state: CartSessionState, wanted: WantedShippingMethod | null): string[] {
  return [...new Set([...state.shipping_methods.map((method) => method.option_id), ...(wanted ? [wanted.option_id] : [])])]
}

/**
 * What a bag's method is priced for: the address, the bag's lines (variant, quantity, price) and its item total.
 * A digest; equal digests, same options at the same prices (the store's own options aside, which convert checks).
 */
export function bagShippingBasis(state: CartSessionState, merchantId: string, itemTotal: number): string {
  const lines = state.items
    .filter((line) => line.merchant_id === merchantId)
    .map((line) => [line.variant_id, line.quantity, line.unit_price, line.is_add_on])
  const basis = JSON.stringify([state.shipping_address, state.customer_id, lines, itemTotal])
  return createHash("sha1").update(basis).digest("hex")
}

/**
 * The merchants whose bags a change must ask the host about: the bag being chosen for, and each bag with a method
 * whose basis changed (its lines, its item total after discounts, the address), or every bag with a method
 * (`all`: at convert, which also catches the store's own changes of its options).
 */
export function merchantsToOffer(
  state: CartSessionState,
  wanted: WantedShippingMethod | null,
  bases: Map<string, string>,
  all = false
): string[] {
  const withLines = new Set(state.items.map((line) => line.merchant_id))
  const merchants = new Set(
    state.shipping_methods
      .filter((method) => all || method.priced_for !== bases.get(method.merchant_id))
      .map((method) => method.merchant_id)
  )
  if (wanted) merchants.add(wanted.merchant_id)
  return [...merchants].filter((merchant) => withLines.has(merchant))
}

/** The sentence for a bag whose method a change removed. */
export function methodRemovedMessage(method: CartSessionShippingMethodState): string {
  return `Shipping method ${method.name} for ${method.merchant_id} was removed: it is no longer offered for these items and address`
}

/**
 * No option is offered to a bag before the session has a shipping address (the host's options depend on it),
 * so a method chosen without one is refused (SHIPPING_OPTION_INVALID), as an option not offered is.
 */
export function assertShippingAddressFor(state: CartSessionState, wanted: WantedShippingMethod | null) {
  if (wanted && !state.shipping_address) {
    throw new CheckoutDiscountError(
      "SHIPPING_OPTION_INVALID",
      `Cart session ${state.id} has no shipping address: set one (shipping_address) before choosing a shipping method for merchant ${wanted.merchant_id}`
    )
  }
}

/**
 * The session's methods checked again against what the host offers the bags it was asked about (`offers`, by
 * merchant): a method of a merchant with no line left is dropped (silently, its bag is gone); one of a bag not
 * asked about is kept as it is; one whose option is no longer offered is dropped with a notice; every other one
 * takes the option's price for the bag now, and records what it was priced for (`bases`). Then the wanted
 * method, if any, replaces its bag's: an option not offered to the bag is refused (SHIPPING_OPTION_INVALID).
 * Methods stay in bag order.
 */
export function recheckShippingMethods(
  state: CartSessionState,
  offers: BagShippingOffers,
  wanted: WantedShippingMethod | null = null,
  bases: Map<string, string> = new Map()
): { state: CartSessionState; notices: ShippingNotice[] } {
  const notices: ShippingNotice[] = []
  const kept = new Map<string, CartSessionShippingMethodState>()
  const withLines = new Set(state.items.map((line) => line.merchant_id))
  const priced = (merchant: string, option: OfferedShippingOption, taxRates: number[] | null) => ({
    ...methodOf(merchant, option, taxRates),
    priced_for: bases.get(merchant) ?? null,
  })
  for (const method of state.shipping_methods) {
    if (!withLines.has(method.merchant_id)) continue // no line left: the bag is gone
    if (!(method.merchant_id in offers)) {
      kept.set(method.merchant_id, method) // nothing it is priced for changed
      continue
    }
    const option = offers[method.merchant_id].find((offered) => offered.id === method.option_id)
    if (!option) {
      notices.push({ merchant_id: method.merchant_id, message: methodRemovedMessage(method) })
      continue
    }
    kept.set(method.merchant_id, priced(method.merchant_id, option, method.tax_rates))
  }
  if (wanted) {
    const option = (offers[wanted.merchant_id] ?? []).find((offered) => offered.id === wanted.option_id)
    if (!state.items.some((line) => line.merchant_id === wanted.merchant_id)) {
      throw new CheckoutDiscountError(
        "SHIPPING_OPTION_INVALID",
        `Cart session ${state.id} has no items of merchant ${wanted.merchant_id} to ship`
      )
    }
    if (!option) {
      throw new CheckoutDiscountError(
        "SHIPPING_OPTION_INVALID",
        `Shipping option ${wanted.option_id} is not offered for the items of merchant ${wanted.merchant_id} at this address`
      )
    }
    kept.set(wanted.merchant_id, priced(wanted.merchant_id, option, kept.get(wanted.merchant_id)?.tax_rates ?? null))
    const notice = notices.findIndex((entry) => entry.merchant_id === wanted.merchant_id)
    if (notice >= 0) notices.splice(notice, 1)
  }
  const bagOrder = [...new Set(state.items.map((line) => line.merchant_id))]
  const shipping_methods = bagOrder.flatMap((merchant) => kept.get(merchant) ?? [])
  return { state: { ...state, shipping_methods }, notices }
}

function methodOf(merchant_id: string, option: OfferedShippingOption, tax_rates: number[] | null): CartSessionShippingMethodState {
  return {
    merchant_id,
    option_id: option.id,
    name: option.name,
    amount: option.amount,
    is_tax_inclusive: option.is_tax_inclusive,
    tax_rates,
    data: option.data,
    priced_for: null,
  }
}

/**
 * The host's tax rates on the session's lines and methods; `null` (no address, or a region without automatic
 * taxes) leaves everything untaxed. An empty list of rates is no tax.
 */
export function withTaxRates(state: CartSessionState, rates: SessionTaxRates | null): CartSessionState {
  const ratesOf = (list: number[] | undefined) => (list && list.length ? list : null)
  return {
    ...state,
    items: state.items.map((line) => ({ ...line, tax_rates: ratesOf(rates?.lines[line.id]) })),
    shipping_methods: state.shipping_methods.map((method) => ({
      ...method,
      tax_rates: ratesOf(rates?.options[method.option_id]),
    })),
  }
}

/** A new address: without one, no bag can have a method (the host matches options to the address). */
export function withShippingAddress(state: CartSessionState, address: CartSessionAddress | null): CartSessionState {
  return { ...state, shipping_address: address, shipping_methods: address ? state.shipping_methods : [] }
}

/** What changed in the bags' shipping the shopper saw: methods removed (with their notice) or priced otherwise. */
export function changedShipping(before: CartSessionState, after: CartSessionState, notices: ShippingNotice[]): string[] {
  const now = new Map(after.shipping_methods.map((method) => [method.merchant_id, method]))
  const removed = notices.map((notice) => notice.message)
  const repriced = before.shipping_methods.flatMap((method) => {
    const current = now.get(method.merchant_id)
    return current && current.option_id === method.option_id && current.amount !== method.amount
      ? [`shipping ${method.name} for ${method.merchant_id} now costs ${formatMinorUnits(current.amount, after.currency_code)} ${after.currency_code.toUpperCase()}`]
      : []
  })
  return [...removed, ...repriced]
}
