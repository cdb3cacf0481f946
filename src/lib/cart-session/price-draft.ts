import { CheckoutDiscountError } from "../errors"
import {
  formatMinorUnits,
  MAX_AMOUNT,
  priceSession,
  type DiscountStatus,
  type PricedSession,
  type PricingManualInput,
  type PricingShippingMethodInput,
} from "../pricing"
import type { CartSessionDiscountState, CartSessionState } from "../../modules/cart-session"
import type { CouponEligibility } from "../../modules/coupon"
import type { RuleRegistry } from "../coupon-rules"
import { catalogueKey, type CatalogueVariant } from "./pricing-context"
import {
  buildSessionPricingInput,
  isShippingCouponWithRules,
  type ItemsAfterDiscounts,
  itemsAfterDiscountsOf,
  type SessionRuleFacts,
  StoredCode,
} from "./pricing-input"
import { rememberedHostPrice, withoutHostPrice } from "./host-cart"
import { newDiscountRow, pruneOrphanAddOns } from "./session-draft"

/**
 * What the coupon module and the session's rule facts say of a session's coupons, read once per change
 * (workflows/cart-session/helpers/check-codes.ts). Plain data: it travels between workflow steps.
 */
export type SessionCouponVerdicts = {
  /** The session's codes (and a previewed one), by discount id. */
  eligibilities: Record<string, CouponEligibility>
  /**
   * The live automatic coupons the shopper may use now (docs/coupon-rules.md), each under the id of its
   * discount row: the session's row for that coupon when it has one, else a new one.
   */
  automatic: { id: string; eligibility: CouponEligibility }[]
  /** The facts the coupons' rules are decided on; null when no coupon in play has rules. */
  rule_facts: SessionRuleFacts | null
}

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
        is_tax_inclusive: variant.is_tax_inclusive ?? false,
        product_collection_id: variant.collection_id ?? null,
        product_type_id: variant.type_id ?? null,
        metadata: hostPrice === null ? withoutHostPrice(line.metadata) : line.metadata,
      }
    }),
  }
}

/**
 * The bags' shipping methods as the pricing core takes them: a method whose merchant has no line left is
 * left out (it is dropped from the session when the change re-checks its methods).
 */
export function shippingInputsOf(state: CartSessionState): PricingShippingMethodInput[] {
  const merchants = new Set(state.items.map((line) => line.merchant_id))
  return state.shipping_methods
    .filter((method) => merchants.has(method.merchant_id))
    .map(({ merchant_id, option_id, name, amount, tax_rates, is_tax_inclusive }) => ({
      merchant_id,
      option_id,
      name,
      amount,
      tax_rates,
      is_tax_inclusive,
    }))
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
 * of it and its rules decided on the session's facts, the live automatic
 * coupons, every manual discount. Writes each discount's result on its row and
 * marks the session priced. An automatic coupon is kept as a row (type
 * AUTOMATIC) while it applies, and its row dropped once it no longer does.
 * Pure.
 */
export function priceDraft(
  draft: CartSessionState,
  variants: Record<string, CatalogueVariant>,
  verdicts: SessionCouponVerdicts,
  options: { registry: RuleRegistry; preview?: StoredCode | null }
): { state: CartSessionState; priced: PricedSession } {
  const refreshed = pruneOrphanAddOns(refreshLinePrices(draft, variants))
  assertAmountsInRange(refreshed)
  const automatic = verdicts.automatic.map(({ id, eligibility }) => ({ id, code: eligibility.coupon!.code, merchant_id: null }))
  const eligibilities = {
    ...verdicts.eligibilities,
    ...Object.fromEntries(verdicts.automatic.map(({ id, eligibility }) => [id, eligibility])),
  }
  // Automatic coupons first: they were in the cart before the shopper typed a code (ties go to the earlier).
  const codes = [...automatic, ...storedCodesOf(refreshed, options.preview)]
  const rules = verdicts.rule_facts ? { ...verdicts.rule_facts, registry: options.registry } : null
  const build = (items_after_discounts: ItemsAfterDiscounts | null) =>
    buildSessionPricingInput(refreshed.currency_code, refreshed.items, codes, eligibilities, manualInputsOf(refreshed), rules, {
      shipping_methods: shippingInputsOf(refreshed),
      items_after_discounts,
    })
  let { input, terms } = build(null)
  let priced = priceSession(input)
  // A shipping coupon's rules count the items after item discounts, which shipping codes never change: price
  // once to know them, then decide those rules on them.
  if (Object.values(eligibilities).some((eligibility) => isShippingCouponWithRules(eligibility.coupon))) {
    ;({ input, terms } = build(itemsAfterDiscountsOf(priced.bags)))
    priced = priceSession(input)
  }
  const results = new Map(priced.discounts.map((result) => [result.id, result]))
  const withResult = (discount: CartSessionDiscountState): CartSessionDiscountState => {
    const result = results.get(discount.id)
    if (!result) {
      return discount.manual
        ? { ...discount, status: "NOT_APPLICABLE", message: manualLineGoneMessage(discount.manual.name), amount_total: 0, allocations: [] }
        : discount
    }
    return {
      ...discount,
      ...(discount.type !== "MANUAL" ? { ...terms[discount.id], merchant_id: result.merchant_id } : {}),
      status: result.status,
      message: result.message,
      amount_total: result.amount_total,
      target_type: result.target_type,
      allocations: result.allocations.map((share) => ({ line_item_id: share.line_id, amount: share.amount })),
      shipping_allocations: result.shipping_allocations.map(({ merchant_id, amount }) => ({ merchant_id, amount })),
    }
  }
  const kept = refreshed.discounts.filter((discount) => discount.type !== "AUTOMATIC")
  const rows = new Map(refreshed.discounts.map((discount) => [discount.id, discount]))
  let position = Math.max(0, ...refreshed.discounts.map((discount) => discount.position + 1))
  const applying = verdicts.automatic
    .filter(({ id }) => results.get(id)?.status === "APPLIED")
    .map(
      ({ id, eligibility }) =>
        rows.get(id) ??
        newDiscountRow({ id, position: position++, type: "AUTOMATIC", code: eligibility.coupon!.code, coupon_id: eligibility.coupon!.id })
    )
  const discounts = [...kept, ...applying].sort((left, right) => left.position - right.position).map(withResult)
  return { state: { ...refreshed, discounts, priced: true }, priced }
}

/**
 * What changed in the codes the shopper saw: a code already priced that came out with another status,
 * an automatic discount that applies now and did not, or one that no longer applies. Each in words.
 */
export function changedCodes(before: CartSessionState, after: CartSessionState): { code: string; change: string }[] {
  const previous = new Map(before.discounts.map((discount) => [discount.id, discount]))
  const now = new Set(after.discounts.map((discount) => discount.id))
  const changed = after.discounts.flatMap((discount) => {
    const earlier = previous.get(discount.id)
    if (discount.type === "CODE" && earlier && earlier.status !== "PENDING" && earlier.status !== discount.status) {
      return [{ code: discount.code!, change: `is now ${discount.status}` }]
    }
    return discount.type === "AUTOMATIC" && !earlier ? [{ code: discount.code!, change: "now applies automatically" }] : []
  })
  const gone = before.discounts
    .filter((discount) => discount.type === "AUTOMATIC" && !now.has(discount.id))
    .map((discount) => ({ code: discount.code!, change: "no longer applies" }))
  return [...changed, ...gone]
}
