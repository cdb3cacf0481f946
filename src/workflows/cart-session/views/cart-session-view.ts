import { fromMinorUnits, fromMinorUnitsOf, type PricedShippingMethod, summarizeSession } from "../../../lib/pricing"
import type {
  CartSessionDiscountState,
  CartSessionShippingMethodState,
  CartSessionState,
  CartSessionStatus,
} from "../../../modules/cart-session"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { shippingInputsOf } from "../../../lib/cart-session/price-draft"
import type { ShippingNotice } from "../../../lib/cart-session/shipping"
import { isCartSessionOpen } from "../../../lib/cart-session/session-rules"

/** The shopper's sentence for a code that has not been priced (again) yet. */
export function pendingMessage(code: string | null): string {
  return `Code ${code} is waiting to be priced`
}

/**
 * The session as every route returns it (README "Store API"), with the add-ons offered
 * (priced ones of the merchants the shopper buys from): bags per merchant in the
 * order their first line was added, discounts, totals and messages. The
 * totals come from the pricing core (`summarizeSession`, over the stored
 * allocations of APPLIED discounts); this only renames and converts minor
 * units to the currency's major unit. Pure: the store routes, the stored
 * idempotent responses and the admin routes all answer with it.
 */
export function buildCartSessionView(
  state: CartSessionState,
  addOns: CatalogueVariant[] = [],
  now = new Date(),
  notices: ShippingNotice[] = []
) {
  const currency = state.currency_code
  const major = fromMinorUnitsOf(currency)
  const summary = summarizeSession({
    currency_code: currency,
    lines: state.items.map((line) => ({
      id: line.id,
      merchant_id: line.merchant_id,
      unit_price: line.unit_price,
      quantity: line.quantity,
      is_add_on: line.is_add_on,
      tax_rates: line.tax_rates,
      is_tax_inclusive: line.is_tax_inclusive,
    })),
    shipping_methods: shippingInputsOf(state),
    discounts: state.discounts.map((discount) => ({
      id: discount.id,
      type: discount.type,
      code: discount.code,
      merchant_id: discount.merchant_id,
      name: discount.manual?.name ?? null,
      status: discount.status,
      message: discount.message ?? "",
      target_type: discount.target_type,
      allocations: discount.allocations.map((share) => ({ line_id: share.line_item_id, amount: share.amount })),
      shipping_allocations: discount.shipping_allocations,
    })),
  })
  const noticeOf = new Map(notices.map((notice) => [notice.merchant_id, notice.message]))
  const methodOf = new Map(state.shipping_methods.map((method) => [method.merchant_id, method]))
  const lineById = new Map(state.items.map((line) => [line.id, line]))
  const summaryById = new Map(summary.discounts.map((discount) => [discount.id, discount]))

  const discounts = state.discounts.map((discount) => {
    const summed = summaryById.get(discount.id)!
    return {
      id: discount.id,
      code: discount.code,
      merchant_id: discount.merchant_id,
      type: discount.type,
      /** A manual discount's name; null for a code. */
      name: discount.manual?.name ?? null,
      status: discount.status,
      value_type: discount.manual ? "fixed" : discount.value_type,
      value: valueOf(discount, currency),
      target_type: discount.target_type,
      amount_total: major(summed.amount_total),
      is_primary: discount.is_primary,
      message: messageOf(discount),
      allocations: summed.allocations.map((share) => ({ line_item_id: share.line_id, amount: major(share.amount) })),
      shipping_allocations: summed.shipping_allocations.map((share) => ({
        merchant_id: share.merchant_id,
        amount: major(share.amount),
      })),
    }
  })

  return {
    id: state.id,
    status: displayedStatus(state, now),
    currency_code: currency,
    region_id: state.region_id,
    sales_channel_id: state.sales_channel_id,
    customer_id: state.customer_id,
    email: state.email,
    shipping_address: state.shipping_address,
    version: state.version,
    priced: state.priced && !state.discounts.some((discount) => discount.status === "PENDING"),
    expires_at: state.expires_at,
    converted_cart_id: state.converted_cart_id,
    metadata: state.metadata,
    created_at: state.created_at,
    updated_at: state.updated_at,
    bags: summary.bags.map((bag) => ({
      merchant_id: bag.merchant_id,
      items: bag.lines.map((priced) => {
        const line = lineById.get(priced.id)!
        return {
          id: line.id,
          variant_id: line.variant_id,
          product_id: line.product_id,
          title: line.title,
          variant_title: line.variant_title,
          quantity: line.quantity,
          unit_price: major(line.unit_price),
          subtotal: major(priced.subtotal),
          discount_total: major(priced.discount_total),
          tax_total: major(priced.tax_total),
          total: major(priced.total),
          is_tax_inclusive: line.is_tax_inclusive,
          is_add_on: line.is_add_on,
          metadata: line.metadata,
        }
      }),
      discounts: bag.discounts.map((discount) => ({
        id: discount.id,
        code: discount.code,
        type: discount.type,
        amount: major(discount.amount),
      })),
      shipping_method: shippingMethodOf(bag.shipping_method, methodOf.get(bag.merchant_id), major),
      shipping_discounts: bag.shipping_discounts.map((discount) => ({
        id: discount.id,
        code: discount.code,
        type: discount.type,
        amount: major(discount.amount),
      })),
      /** Why the bag's shipping method was removed by this change (no longer offered); null otherwise. */
      shipping_message: noticeOf.get(bag.merchant_id) ?? null,
      subtotal: major(bag.subtotal),
      discount_total: major(bag.discount_total),
      shipping_total: major(bag.shipping_total),
      shipping_discount_total: major(bag.shipping_discount_total),
      item_tax_total: major(bag.item_tax_total),
      shipping_tax_total: major(bag.shipping_tax_total),
      tax_total: major(bag.tax_total),
      total: major(bag.total),
    })),
    discounts,
    subtotal: major(summary.subtotal),
    discount_total: major(summary.discount_total),
    shipping_total: major(summary.shipping_total),
    shipping_discount_total: major(summary.shipping_discount_total),
    item_tax_total: major(summary.item_tax_total),
    shipping_tax_total: major(summary.shipping_tax_total),
    tax_total: major(summary.tax_total),
    total: major(summary.total),
    messages: [
      ...discounts.map((discount) => discount.message),
      ...notices.map((notice) => notice.message),
    ].filter((message): message is string => !!message),
    add_ons_offered: addOns.map((addOn) => ({
      id: addOn.variant_id,
      product_id: addOn.product_id,
      title: addOn.title,
      merchant_id: addOn.merchant_id,
      unit_price: major(addOn.unit_price!),
      selected: state.items.some((line) => line.is_add_on && line.variant_id === addOn.variant_id),
    })),
  }
}

export type CartSessionView = ReturnType<typeof buildCartSessionView>

function shippingMethodOf(
  priced: PricedShippingMethod | null,
  stored: CartSessionShippingMethodState | undefined,
  major: (minor: number) => number
) {
  if (!priced) return null
  return { option_id: priced.option_id, name: priced.name, amount: major(priced.amount), is_tax_inclusive: stored?.is_tax_inclusive ?? false }
}

/** A percentage as stored; a fixed value (a manual discount's amount asked for) back in major units. */
function valueOf(discount: CartSessionDiscountState, currency: string): number | null {
  if (discount.manual) return fromMinorUnits(discount.manual.amount, currency)
  if (discount.value === null) return null
  return discount.value_type === "fixed" ? fromMinorUnits(discount.value, currency) : discount.value
}

function messageOf(discount: CartSessionDiscountState): string | null {
  return discount.status === "PENDING" ? pendingMessage(discount.code) : discount.message
}

/** An open session past its expiry is shown as expired, before any job marks it so. */
function displayedStatus(state: CartSessionState, now: Date): CartSessionStatus {
  return state.status === "open" && !isCartSessionOpen(state, now) ? "expired" : state.status
}
