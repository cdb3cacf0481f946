import { generateEntityId } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../errors"
import { currencyExponent, fitsMinorUnits, formatMinorUnits, isPricingError, toMinorUnits } from "../pricing"
import type { CartSessionDiscountState, CartSessionLineState, CartSessionState } from "../../modules/cart-session"
import { newDiscountRow, nextPosition } from "./session-draft"

// Pure changes of a session's manual discounts, as staff make them in the
// admin: the whole set is replaced (or cleared) at once. Amounts arrive in the
// currency's major unit and are kept in minor units.

/** A cart-level manual discount as asked for: shared over every line by value. */
export type WantedCartDiscount = { amount: number; name: string; reason?: string | null }
/** An item-level manual discount as asked for: on one line, which codes then leave out. */
export type WantedItemDiscount = WantedCartDiscount & { line_item_id: string }

export type ManualDiscountsRequest = {
  cart?: WantedCartDiscount[]
  items?: WantedItemDiscount[]
  /** The admin user setting them. */
  created_by: string | null
  /** ISO time the discounts are set at. */
  now: string
}

export function isManualDiscount(discount: CartSessionDiscountState): boolean {
  return discount.type === "MANUAL"
}

/** The session without its manual discounts; the same state when it has none. */
export function clearManualDiscounts(state: CartSessionState): CartSessionState {
  const discounts = state.discounts.filter((discount) => !isManualDiscount(discount))
  return discounts.length === state.discounts.length ? state : { ...state, discounts }
}

/**
 * Replaces every manual discount of the session with the ones asked for,
 * PENDING until priced (in the same change). Refuses, changing nothing:
 * an amount of 0 or less or with more decimals than the currency has
 * (MANUAL_DISCOUNT_AMOUNT_INVALID); an item-level discount on a line the
 * session does not have (MANUAL_DISCOUNT_LINE_NOT_FOUND) or on a line an
 * applied code discounts (MANUAL_DISCOUNT_CONFLICT, naming the line and the
 * codes); an amount above what is left (MANUAL_DISCOUNT_AMOUNT_TOO_HIGH).
 *
 * "What is left" follows the order the pricing core applies them in, before
 * any code: the item-level amounts on a line add up to at most its subtotal;
 * all the amounts add up to at most the session's subtotal. Such amounts are
 * always taken in full; the codes then share what they leave.
 */
export function setManualDiscounts(state: CartSessionState, request: ManualDiscountsRequest): CartSessionState {
  const currency = state.currency_code
  const lineLeft = new Map(state.items.map((line) => [line.id, line.unit_price * line.quantity]))
  let sessionLeft = [...lineLeft.values()].reduce((sum, amount) => sum + amount, 0)

  // Item-level first, as the pricing core applies them: a cart-level amount shares what they leave.
  const itemDiscounts = (request.items ?? []).map((entry, index) => {
    const field = `items.${index}`
    const amount = minorAmount(entry.amount, currency, `${field}.amount`)
    const line = state.items.find((candidate) => candidate.id === entry.line_item_id)
    if (!line) {
      throw new CheckoutDiscountError(
        "MANUAL_DISCOUNT_LINE_NOT_FOUND",
        `Field '${field}.line_item_id' must be a line of cart session ${state.id}, got ${JSON.stringify(entry.line_item_id)}`
      )
    }
    assertNoCodeOnLine(state, line)
    const left = lineLeft.get(line.id)!
    if (amount > left) {
      throw tooHigh(`${field}.amount`, entry.amount, `on line "${line.title}" (${line.id})`, left, currency)
    }
    lineLeft.set(line.id, left - amount)
    sessionLeft -= amount
    return manualDiscount(entry, { scope: "item", line_item_id: line.id, amount }, request)
  })
  const cartDiscounts = (request.cart ?? []).map((entry, index) => {
    const field = `cart.${index}`
    const amount = minorAmount(entry.amount, currency, `${field}.amount`)
    if (amount > sessionLeft) {
      throw tooHigh(`${field}.amount`, entry.amount, "of the cart session", sessionLeft, currency)
    }
    sessionLeft -= amount
    return manualDiscount(entry, { scope: "cart", line_item_id: null, amount }, request)
  })

  // The old ones go; the new ones follow the codes, listed as the request gives them.
  const kept = clearManualDiscounts(state).discounts
  const first = nextPosition(kept)
  const created = [...cartDiscounts, ...itemDiscounts].map((discount, index) => ({ ...discount, position: first + index }))
  return { ...state, discounts: [...kept, ...created] }
}

/** A new MANUAL discount row carrying what staff asked for; PENDING until the change prices it. */
function manualDiscount(
  entry: WantedCartDiscount,
  target: { scope: "cart" | "item"; line_item_id: string | null; amount: number },
  request: ManualDiscountsRequest
): CartSessionDiscountState {
  return newDiscountRow({
    position: 0,
    type: "MANUAL",
    manual: {
      id: generateEntityId(undefined, "csman"),
      ...target,
      name: entry.name.trim(),
      reason: entry.reason?.trim() || null,
      created_by: request.created_by,
      created_at: request.now,
    },
  })
}

/** A positive amount in the currency's major unit, with no more decimals than it has, in minor units. */
function minorAmount(amount: number, currency: string, field: string): number {
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount <= 0) {
    throw new CheckoutDiscountError(
      "MANUAL_DISCOUNT_AMOUNT_INVALID",
      `Field '${field}' must be an amount above 0, got ${JSON.stringify(amount)}`
    )
  }
  if (!fitsMinorUnits(amount, currency, field)) {
    const exponent = currencyExponent(currency)
    const places = exponent === 0 ? "no decimals" : `at most ${exponent} decimal${exponent === 1 ? "" : "s"}`
    throw new CheckoutDiscountError(
      "MANUAL_DISCOUNT_AMOUNT_INVALID",
      `Field '${field}' must have ${places} in ${currency.toUpperCase()}, got ${amount}`
    )
  }
  try {
    return toMinorUnits(amount, currency, field)
  } catch (error) {
    if (isPricingError(error)) {
      return Number.MAX_SAFE_INTEGER // beyond any session: refused as too high by the caller
    }
    throw error
  }
}

function tooHigh(field: string, asked: number, where: string, left: number, currency: string) {
  const code = currency.toUpperCase()
  return new CheckoutDiscountError(
    "MANUAL_DISCOUNT_AMOUNT_TOO_HIGH",
    `Field '${field}' is more than is left ${where}: ${formatMinorUnits(left, currency)} ${code} left, got ${asked}`
  )
}

/**
 * An item-level manual discount may not go on a line an applied code already
 * discounts (README "Manual discounts"), as the session was last priced: the two would both
 * claim to set that line's price. (A code priced later leaves such a line out.)
 */
function assertNoCodeOnLine(state: CartSessionState, line: CartSessionLineState): void {
  const codes = state.discounts.filter(
    (discount) =>
      discount.type === "CODE" &&
      discount.status === "APPLIED" &&
      discount.allocations.some((share) => share.line_item_id === line.id && share.amount > 0)
  )
  if (!codes.length) {
    return
  }
  const named = codes.map((discount) => discount.code).join(", ")
  throw new CheckoutDiscountError(
    "MANUAL_DISCOUNT_CONFLICT",
    `Line "${line.title}" (${line.id}) already has a discount from code${codes.length > 1 ? "s" : ""} ${named}: ` +
      "an item-level manual discount cannot go on it. Remove the code first, or give a cart-level manual discount"
  )
}
