import { generateEntityId } from "@medusajs/framework/utils"
import { sameJson } from "../canonical-json"
import { CheckoutDiscountError } from "../errors"
import type {
  CartSessionCommit,
  CartSessionDiscountState,
  CartSessionLineState,
  CartSessionState,
} from "../../modules/cart-session"
import { assertCouponCode } from "../../modules/coupon/utils/code"
import { planCodeAdditions, sameCode, sameScopedCode, sessionCodesOf, WantedCode } from "./code-plan"
import { assertLineQuantity } from "./session-rules"

// Pure changes of a session held in memory: each takes a state and returns
// the next one, refusing with a plugin error. Nothing here reads or writes
// the database; a change is committed once, by `diffSessionChange`.

/** A variant resolved in the host's catalogue, ready to become a line (`unit_price` in minor units). */
export type NewLine = {
  variant_id: string
  product_id: string
  merchant_id: string
  title: string
  variant_title: string | null
  unit_price: number
  quantity: number
  is_add_on?: boolean
}

/** One past the highest position among `rows`: a new row goes after every live one. */
export function nextPosition(rows: { position: number }[]): number {
  return rows.reduce((highest, row) => Math.max(highest, row.position), 0) + 1
}

/**
 * Adds lines. A variant that already has a regular line adds to its
 * quantity (within the limit); an add-on already selected stays as it is.
 */
export function addLines(state: CartSessionState, lines: NewLine[], maxLineQuantity: number): CartSessionState {
  const items = state.items.map((line) => ({ ...line }))
  let position = nextPosition(items)
  for (const line of lines) {
    const isAddOn = line.is_add_on === true
    const existing = items.find((item) => item.variant_id === line.variant_id && item.is_add_on === isAddOn)
    if (existing) {
      if (!isAddOn) {
        existing.quantity += line.quantity
        assertLineQuantity(existing.quantity, maxLineQuantity)
      }
      continue
    }
    assertLineQuantity(isAddOn ? 1 : line.quantity, isAddOn ? 1 : maxLineQuantity)
    items.push({
      id: generateEntityId(undefined, "csitem"),
      position: position++,
      merchant_id: line.merchant_id,
      variant_id: line.variant_id,
      product_id: line.product_id,
      title: line.title,
      variant_title: line.variant_title,
      quantity: isAddOn ? 1 : line.quantity,
      unit_price: line.unit_price,
      is_add_on: isAddOn,
      tax_rates: null,
      is_tax_inclusive: false,
      metadata: null,
      // Read with its price (refreshLinePrices).
      product_collection_id: null,
      product_type_id: null,
    })
  }
  return { ...state, items }
}

/** Sets a line's quantity; 0 removes it. An add-on line is there (1) or not (0). */
export function setLineQuantity(
  state: CartSessionState,
  lineId: string,
  quantity: number,
  maxLineQuantity: number
): CartSessionState {
  const line = state.items.find((item) => item.id === lineId)
  if (!line) {
    throw new CheckoutDiscountError(
      "CART_SESSION_LINE_ITEM_NOT_FOUND",
      `Line item ${lineId} was not found in cart session ${state.id}`
    )
  }
  if (quantity === 0) {
    return removeLines(state, [lineId])
  }
  assertLineQuantity(quantity, line.is_add_on ? 1 : maxLineQuantity)
  return { ...state, items: state.items.map((item) => (item.id === lineId ? { ...item, quantity } : item)) }
}

export function removeLines(state: CartSessionState, lineIds: string[]): CartSessionState {
  const removed = new Set(lineIds)
  return { ...state, items: state.items.filter((item) => !removed.has(item.id)) }
}

/** The add-on lines of merchants with no other line left go (an add-on goes with its merchant's items). */
export function pruneOrphanAddOns(state: CartSessionState): CartSessionState {
  const merchantsWithItems = new Set(state.items.filter((line) => !line.is_add_on).map((line) => line.merchant_id))
  const items = state.items.filter((line) => !line.is_add_on || merchantsWithItems.has(line.merchant_id))
  return items.length === state.items.length ? state : { ...state, items }
}

/**
 * A new discount row, PENDING until the change prices it: every priced field
 * empty, `type` and whatever identifies it (code, scope, manual request) given.
 */
export function newDiscountRow(
  fields: Pick<CartSessionDiscountState, "position" | "type"> & Partial<CartSessionDiscountState>
): CartSessionDiscountState {
  return {
    id: generateEntityId(undefined, "csdisc"),
    code: null,
    merchant_id: null,
    scope_merchant_id: null,
    is_primary: false,
    coupon_id: null,
    status: "PENDING",
    value_type: null,
    value: null,
    amount_total: 0,
    target_type: "items",
    allocations: [],
    shipping_allocations: [],
    message: null,
    metadata: null,
    manual: null,
    ...fields,
  }
}

function pendingCode(position: number, code: WantedCode, isPrimary: boolean): CartSessionDiscountState {
  const merchantId = code.merchant_id ?? null
  return newDiscountRow({
    position,
    type: "CODE",
    code: code.code,
    merchant_id: merchantId,
    scope_merchant_id: merchantId,
    is_primary: isPrimary,
  })
}

/**
 * Adds codes as PENDING after the ones the session has. A code already there
 * with the same merchant given is not added twice. Refuses a malformed code
 * and going past `maxCodes`.
 */
export function addCodes(
  state: CartSessionState,
  codes: WantedCode[],
  options: { maxCodes: number; field?: string }
): CartSessionState {
  const { toCreate } = planCodeAdditions(sessionCodesOf(state.discounts), codes, {
    maxCodes: options.maxCodes,
    field: options.field ? (index) => `${options.field}[${index}].code` : undefined,
  })
  if (!toCreate.length) {
    return state
  }
  const first = nextPosition(state.discounts)
  const created = toCreate.map((code, index) => pendingCode(first + index, code, false))
  return { ...state, discounts: [...state.discounts, ...created] }
}

/**
 * Sets (`code`) or clears (`null`) the session's one primary code, store-wide
 * as typed. The previous primary code goes; a code the session already
 * carries without a merchant is promoted instead of added twice.
 */
export function setPrimaryCode(state: CartSessionState, code: string | null, maxCodes: number): CartSessionState {
  const codes = sessionCodesOf(state.discounts)
  const primary = codes.find((discount) => discount.is_primary)
  const wanted = code === null ? null : { code, merchant_id: null }
  if (wanted) {
    assertCouponCode(wanted.code, "code")
    if (primary && sameScopedCode(primary, wanted)) {
      return state
    }
  }
  const promoted = wanted ? codes.find((discount) => !discount.is_primary && sameScopedCode(discount, wanted)) : undefined
  let discounts = state.discounts
    .filter((discount) => discount.id !== primary?.id)
    .map((discount) => (discount.id === promoted?.id ? { ...discount, is_primary: true } : discount))
  if (wanted && !promoted) {
    const plan = planCodeAdditions(codes, [wanted], { maxCodes, freed: primary ? 1 : 0 })
    if (plan.toCreate.length) {
      discounts = [...discounts, pendingCode(nextPosition(state.discounts), plan.toCreate[0], true)]
    }
  }
  return { ...state, discounts }
}

/** Removes every row of a code (any case, any merchant given) or one discount by id. */
export function removeDiscounts(
  state: CartSessionState,
  target: { code?: string | null; discount_id?: string | null }
): CartSessionState {
  const codes = state.discounts.filter((discount) => discount.type === "CODE")
  const matching = target.discount_id
    ? codes.filter((discount) => discount.id === target.discount_id)
    : codes.filter((discount) => sameCode(discount, { code: target.code ?? null }))
  if (!matching.length) {
    const what = target.discount_id ? `Discount ${target.discount_id}` : `Code ${target.code}`
    throw new CheckoutDiscountError("CART_SESSION_DISCOUNT_NOT_FOUND", `${what} was not found in cart session ${state.id}`)
  }
  const removed = new Set(matching.map((discount) => discount.id))
  return { ...state, discounts: state.discounts.filter((discount) => !removed.has(discount.id)) }
}

/** The fields a change compares to know whether anything changed (not the bookkeeping it then sets). */
function comparable(state: CartSessionState) {
  const { version, updated_at, expires_at, catalogue_read_at, pricing_context_key, ...rest } = state
  return rest
}

export function sameSession(left: CartSessionState, right: CartSessionState): boolean {
  return sameJson(comparable(left), comparable(right)) // JSON columns come back with their keys reordered
}

/**
 * Records a change: version + 1, `updated_at`, and a new expiry when a
 * shopper asked (`lifetimeMinutes`). A draft that changes nothing is the
 * session as it was.
 */
export function touchSession(
  before: CartSessionState,
  draft: CartSessionState,
  options: { now: Date; lifetimeMinutes: number | null }
): CartSessionState {
  const { now, lifetimeMinutes } = options
  if (sameSession(before, draft)) {
    return before
  }
  return {
    ...draft,
    version: before.version + 1,
    updated_at: now.toISOString(),
    expires_at: lifetimeMinutes === null ? draft.expires_at : new Date(now.getTime() + lifetimeMinutes * 60_000).toISOString(),
  }
}

/** Rows new or changed in `after`, and rows of `before` it no longer has, those first (see below). */
function changedRows<Row extends { id: string }>(before: Row[], after: Row[]): (Row & { deleted?: boolean })[] {
  const previous = new Map(before.map((row) => [row.id, row]))
  const kept = new Set(after.map((row) => row.id))
  // Removed rows are written first: a new primary code must not meet the old one still live (unique index).
  return [
    ...before.filter((row) => !kept.has(row.id)).map((row) => ({ ...row, deleted: true })),
    ...after.filter((row) => !previous.has(row.id) || !sameJson(previous.get(row.id), row)),
  ]
}

/** The manual discounts of a session's discount rows, as their own rows. */
function manualRowsOf(discounts: CartSessionDiscountState[]): CartSessionCommit["manual_discounts"] {
  return discounts.flatMap((discount) => (discount.manual ? [{ ...discount.manual, discount_id: discount.id }] : []))
}

/** What committing `after` writes over `before`; null when they are the same session. */
export function diffSessionChange(before: CartSessionState | null, after: CartSessionState): CartSessionCommit | null {
  if (before && before.version === after.version) {
    return null // untouched: nothing changed
  }
  const { id, currency_code, region_id, sales_channel_id, created_at, items, discounts, ...session } = after
  return {
    id,
    expected_version: before?.version ?? null,
    create: before ? undefined : { currency_code, region_id, sales_channel_id, created_at },
    session,
    items: changedRows<CartSessionLineState>(before?.items ?? [], items),
    discounts: changedRows<CartSessionDiscountState>(before?.discounts ?? [], discounts),
    manual_discounts: changedRows(manualRowsOf(before?.discounts ?? []), manualRowsOf(discounts)),
  }
}
