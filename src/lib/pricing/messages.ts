import { formatMinorUnits } from "./money"
import type { StackingReason } from "./stacking"
import type { CallerDecidedStatus } from "./types"

/** `skipped`: some lines of the code's scope carry an item-level manual discount and were left out. */
export function codeAppliedMessage(code: string, amount: number, currency: string, skipped = false): string {
  const saved = formatMinorUnits(amount, currency)
  if (amount === 0) return `Code ${code} applied: you saved ${saved} (nothing was left to discount)`
  if (skipped) return `Code ${code} applied: you saved ${saved} (items with a manual discount are left out)`
  return `Code ${code} applied: you saved ${saved}`
}

export function allLinesHandPricedMessage(code: string): string {
  return `Code ${code} does not apply: every item it covers already has a manual discount`
}

export function callerStatusMessage(status: CallerDecidedStatus, code: string): string {
  switch (status) {
    case "INVALID":
      return `Code ${code} does not exist`
    case "EXPIRED":
      return `Code ${code} has expired`
    case "NOT_STARTED":
      return `Code ${code} is not active yet`
    case "USAGE_LIMIT_REACHED":
      return `Code ${code} has reached its usage limit`
    case "CUSTOMER_LIMIT_REACHED":
      return `Code ${code} has already been used the maximum number of times by this customer`
    case "NOT_APPLICABLE":
      return `Code ${code} does not apply to this cart`
    case "NOT_ELIGIBLE":
      return `Code ${code} is not available to this shopper`
  }
}

export function merchantAbsentMessage(code: string, merchantId: string): string {
  return `Code ${code} applies only to items from merchant ${merchantId}, and the cart has none`
}

export function emptyCartMessage(code: string): string {
  return `Code ${code} does not apply: the cart is empty`
}

/** `targets`: words for the lines the minimum counts, when the code has target rules. */
export function minimumNotMetMessage(
  code: string,
  merchantId: string | null,
  minimum: number,
  subtotal: number,
  currency: string,
  targets: string | null = null
): string {
  const required = formatMinorUnits(minimum, currency)
  const current = formatMinorUnits(subtotal, currency)
  if (targets !== null) {
    return `Code ${code} requires at least ${required} of ${targets}${fromMerchant(merchantId)} (currently ${current})`
  }
  const scope = merchantId === null ? "a subtotal" : `a subtotal from merchant ${merchantId}`
  return `Code ${code} requires ${scope} of at least ${required} (currently ${current})`
}

/** Words for a code's target lines when the caller gave none. */
export const TARGET_WORDS = "items it discounts"
const BUY_WORDS = "items it counts as bought"

export function noTargetLineMessage(code: string, merchantId: string | null, targets: string | null): string {
  return `Code ${code} does not apply: the cart has no ${targets ?? TARGET_WORDS}${fromMerchant(merchantId)}`
}

export function buyGetShortMessage(
  code: string,
  terms: { buy_min_quantity: number; apply_to_quantity: number; description: string | null },
  targets: string | null
): string {
  const buy = `buy ${terms.buy_min_quantity} of the ${terms.description ?? BUY_WORDS}`
  const get = `get ${terms.apply_to_quantity} of the ${targets ?? TARGET_WORDS}`
  return `Code ${code} does not apply: ${buy} to ${get}, and the cart has too few (an item counted as bought is never discounted)`
}

function fromMerchant(merchantId: string | null): string {
  return merchantId === null ? "" : ` from merchant ${merchantId}`
}

const REASONS: Record<StackingReason, string> = {
  saving: "it saves more",
  priority: "it has a higher priority",
  order: "it was applied first",
}

export function notCombinableMessage(code: string, winner: string, reason: StackingReason): string {
  return `Code ${code} cannot be combined with code ${winner}, which was applied instead because ${REASONS[reason]}`
}

export function manualAppliedMessage(label: string, amount: number, requested: number, currency: string): string {
  const applied = formatMinorUnits(amount, currency)
  if (amount === requested) return `Manual discount ${label} applied: ${applied} off`
  const asked = formatMinorUnits(requested, currency)
  return `Manual discount ${label} applied: ${applied} off (capped from ${asked} at what was left to discount)`
}

export function manualNothingLeftMessage(label: string): string {
  return `Manual discount ${label} was not applied: nothing was left to discount`
}

export function shippingAppliedMessage(code: string, amount: number, currency: string): string {
  const saved = formatMinorUnits(amount, currency)
  if (amount === 0) return `Code ${code} applied: you saved ${saved} on shipping (nothing was left to discount)`
  return `Code ${code} applied: you saved ${saved} on shipping`
}

/** A shipping code's minimum counts the items of its scope after their discounts. */
export function shippingMinimumNotMetMessage(
  code: string,
  merchantId: string | null,
  minimum: number,
  subtotal: number,
  currency: string
): string {
  const required = formatMinorUnits(minimum, currency)
  const current = formatMinorUnits(subtotal, currency)
  const scope = merchantId === null ? "items" : `items from merchant ${merchantId}`
  return `Code ${code} requires at least ${required} of ${scope} after discounts (currently ${current})`
}

export function noShippingMethodMessage(code: string, merchantId: string | null): string {
  const scope = merchantId === null ? "" : ` for the items from merchant ${merchantId}`
  return `Code ${code} discounts shipping, and no shipping method is chosen${scope} yet`
}
