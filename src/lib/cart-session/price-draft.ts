import { CheckoutDiscountError } from "../errors"
import {
  formatMinorUnits,
  MAX_AMOUNT,
  priceSession,
  type DiscountStatus,
  type PricedSession,
  type PricingManualInput,
} from "../pricing"
import type { CartSessionDiscountState, CartSessionState } from "../../modules/cart-session"
import type { CouponEligibility } from "../../modules/coupon"
import { catalogueKey, type CatalogueVariant } from "./pricing-context"
import { buildSessionPricingInput, StoredCode } from "./pricing-input"
import { rememberedHostPrice, withoutHostPrice } from "./host-cart"
import { pruneOrphanAddOns } from "./session-draft"

/** A code priced as if added last, for `validate_only`; it is never part of the session. */
export const PREVIEW_DISCOUNT_ID = "preview"

/**
 * The session's codes as the coupon module is asked about them: each with
 * the merchant the shopper gave (it only chooses between coupons sharing the
 * code), plus the previewed code when there is one.
 */
export function storedCodesOf(state: CartSessionState, preview?: StoredCode | null): StoredCode[] {
  const codes = state.discounts
    .filter((discount) => discount.type === "CODE")
    .map((discount) => ({ id: discount.id, code: discount.code!, merchant_id: discount.scope_merchant_id }))
  return preview ? [...codes, preview] : codes
}

/** A manual discount whose line is no longer in the session: kept for staff to see, priced at nothing. */
export function manualLineGoneMessage(name: string): string {
  return `Manual discount ${name} was not applied: its item is no longer in the cart`
}

/**
 * The session's manual discounts as the pricing core takes them; an
 * item-level one whose line is gone is left out (see `manualLineGoneMessage`).
 */
export function manualInputsOf(state: CartSessionState): PricingManualInput[] {
  const lineIds = new Set(state.items.map((line) => line.id))
  return state.discounts.flatMap((discount) => {
    const manual = discount.manual
    if (!manual || (manual.scope === "item" && !lineIds.has(manual.line_item_id!))) {
      return []
    }
    const { scope, line_item_id, amount, name } = manual
    return [{ id: discount.id, scope, line_id: line_item_id, amount, name }]
  })
}

/**
 * The host's current price (at the line's quantity) and titles for every line
 * whose variant it still sells and prices; `variants` by `catalogueKey`. A
 * line keeps the price a host cart gave it at a refused convert while its
 * quantity and the customer are the same (`withCartPrices`); once either
 * changes, that price is forgotten.
 */
export function refreshLinePrices(state: CartSessionState, variants: Record<string, CatalogueVariant>): CartSessionState {
  return {
    ...state,
    items: state.items.map((line) => {
      const variant = variants[catalogueKey(line)]
      if (!variant || variant.unit_price === null) {
        return line // no longer sold or priced: keeps its last price; convert checks availability again
      }
      const hostPrice = rememberedHostPrice(line, state.customer_id)
      return {
        ...line,
        unit_price: hostPrice ?? variant.unit_price,
        title: variant.title,
        variant_title: variant.variant_title,
        metadata: hostPrice === null ? withoutHostPrice(line.metadata) : line.metadata,
      }
    }),
  }
}

/**
 * Every line's subtotal and the session's subtotal must stay within what the
 * plugin prices and answers exactly (below 10^15 minor units); a line past it
 * is refused where it enters, naming it (AMOUNT_OUT_OF_RANGE).
 */
export function assertAmountsInRange(state: CartSessionState): void {
  let subtotal = 0
  for (const line of state.items) {
    const lineSubtotal = line.unit_price * line.quantity
    subtotal += lineSubtotal
    const amount = lineSubtotal > MAX_AMOUNT ? lineSubtotal : subtotal
    if (amount > MAX_AMOUNT) {
      const what = lineSubtotal > MAX_AMOUNT ? "comes to" : "brings the cart session to"
      throw new CheckoutDiscountError(
        "AMOUNT_OUT_OF_RANGE",
        `Line "${line.title}" (variant ${line.variant_id}, quantity ${line.quantity}) ${what} more than ` +
          `${formatMinorUnits(MAX_AMOUNT, state.currency_code)} ${state.currency_code.toUpperCase()}, the most a cart session can price`
      )
    }
  }
}

/**
 * Prices a draft with the pricing core: the host's current prices, add-ons
 * of merchants that left removed, every code with what the coupon module said
 * of it, every manual discount. Writes each discount's result on its row and
 * marks the session priced. Pure. `eligibilities` are by discount id.
 */
export function priceDraft(
  draft: CartSessionState,
  variants: Record<string, CatalogueVariant>,
  eligibilities: Record<string, CouponEligibility>,
  preview: StoredCode | null = null
): { state: CartSessionState; priced: PricedSession } {
  const refreshed = pruneOrphanAddOns(refreshLinePrices(draft, variants))
  assertAmountsInRange(refreshed)
  const { input, terms } = buildSessionPricingInput(
    refreshed.currency_code,
    refreshed.items,
    storedCodesOf(refreshed, preview),
    eligibilities,
    manualInputsOf(refreshed)
  )
  const priced = priceSession(input)
  const results = new Map(priced.discounts.map((result) => [result.id, result]))
  const discounts = refreshed.discounts.map((discount): CartSessionDiscountState => {
    const result = results.get(discount.id)
    if (!result) {
      return discount.manual
        ? { ...discount, status: "NOT_APPLICABLE", message: manualLineGoneMessage(discount.manual.name), amount_total: 0, allocations: [] }
        : discount
    }
    return {
      ...discount,
      ...(discount.type === "CODE" ? { ...terms[discount.id], merchant_id: result.merchant_id } : {}),
      status: storableStatus(result.status),
      message: result.message,
      amount_total: result.amount_total,
      allocations: result.allocations.map((share) => ({ line_item_id: share.line_id, amount: share.amount })),
    }
  })
  return { state: { ...refreshed, discounts, priced: true }, priced }
}

/**
 * The pricing core knows NOT_ELIGIBLE (docs/coupon-rules.md), which a stored discount row cannot
 * hold until the cart_session_discount status enum gains it (a migration). Nothing passes it yet;
 * should it arrive first, this says so instead of failing on the database's check.
 */
function storableStatus(status: DiscountStatus): CartSessionDiscountState["status"] {
  if (status === "NOT_ELIGIBLE") {
    throw new Error("A NOT_ELIGIBLE discount cannot be stored yet: cart_session_discount.status does not list it")
  }
  return status
}

/** The codes that were already priced and came out with another status (the shopper saw the old one). */
export function changedCodes(before: CartSessionState, after: CartSessionState) {
  const previous = new Map(before.discounts.map((discount) => [discount.id, discount.status]))
  return after.discounts.filter((discount) => {
    const status = previous.get(discount.id)
    return discount.type === "CODE" && status !== undefined && status !== "PENDING" && status !== discount.status
  })
}
