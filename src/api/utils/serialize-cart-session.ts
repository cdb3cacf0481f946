import { fromMinorUnits } from "../../lib/pricing"
import type {
  CartSessionDiscountDTO,
  CartSessionDTO,
  CartSessionLineItemDTO,
  StoredAllocation,
} from "../../modules/cart-session"
import { pendingMessage } from "../../workflows/cart-session/utils/discount-pricing"

/** An add-on the shopper may select; `unit_price` in minor units. */
export type OfferedAddOn = {
  id: string
  product_id: string
  title: string
  merchant_id: string
  unit_price: number
  selected: boolean
}

export type SerializableCartSession = CartSessionDTO & {
  items: CartSessionLineItemDTO[]
  discounts: CartSessionDiscountDTO[]
}

/**
 * The whole session as the store and admin APIs return it (SPEC §5): bags
 * per merchant in the order their first line was added, discounts, totals
 * and messages. Totals derive from the stored lines and the APPLIED
 * discounts' stored allocations; other statuses never reduce a total. Stored
 * amounts are minor units; every amount here is a number in major units.
 */
export function serializeCartSession(session: SerializableCartSession, addOns: OfferedAddOn[] = []) {
  const currency = session.currency_code
  const major = (minor: number) => fromMinorUnits(minor, currency)
  const lines = [...session.items].sort((left, right) => left.position - right.position)
  const discounts = [...session.discounts].sort((left, right) => left.position - right.position)
  const lineIds = new Set(lines.map((line) => line.id))
  const applied = discounts.filter((discount) => discount.status === "APPLIED")

  const discountOfLine = new Map<string, number>()
  const shareOfLine = new Map<string, { discount: CartSessionDiscountDTO; amount: number }[]>()
  for (const discount of applied) {
    for (const share of allocationsOf(discount)) {
      if (!lineIds.has(share.line_item_id)) continue
      discountOfLine.set(share.line_item_id, (discountOfLine.get(share.line_item_id) ?? 0) + share.amount)
      shareOfLine.set(share.line_item_id, [...(shareOfLine.get(share.line_item_id) ?? []), { discount, amount: share.amount }])
    }
  }

  const bags = new Map<string, { lines: CartSessionLineItemDTO[] }>()
  lines.forEach((line) => {
    const bag = bags.get(line.merchant_id) ?? { lines: [] }
    bag.lines.push(line)
    bags.set(line.merchant_id, bag)
  })

  let subtotal = 0
  let discountTotal = 0
  const serializedBags = [...bags].map(([merchantId, bag]) => {
    let bagSubtotal = 0
    let bagDiscount = 0
    const bagDiscounts = new Map<string, { discount: CartSessionDiscountDTO; amount: number }>()
    const items = bag.lines.map((line) => {
      const lineSubtotal = Number(line.unit_price) * line.quantity
      const lineDiscount = discountOfLine.get(line.id) ?? 0
      bagSubtotal += lineSubtotal
      bagDiscount += lineDiscount
      for (const share of shareOfLine.get(line.id) ?? []) {
        const entry = bagDiscounts.get(share.discount.id) ?? { discount: share.discount, amount: 0 }
        entry.amount += share.amount
        bagDiscounts.set(share.discount.id, entry)
      }
      return {
        id: line.id,
        variant_id: line.variant_id,
        product_id: line.product_id,
        title: line.title,
        variant_title: line.variant_title ?? null,
        quantity: line.quantity,
        unit_price: major(Number(line.unit_price)),
        subtotal: major(lineSubtotal),
        discount_total: major(lineDiscount),
        total: major(lineSubtotal - lineDiscount),
        is_add_on: line.is_add_on,
        metadata: line.metadata ?? null,
      }
    })
    subtotal += bagSubtotal
    discountTotal += bagDiscount
    return {
      merchant_id: merchantId,
      items,
      discounts: [...bagDiscounts.values()].map(({ discount, amount }) => ({
        id: discount.id,
        code: discount.code ?? null,
        type: discount.type,
        amount: major(amount),
      })),
      subtotal: major(bagSubtotal),
      discount_total: major(bagDiscount),
      total: major(bagSubtotal - bagDiscount),
    }
  })

  const serializedDiscounts = discounts.map((discount) => {
    const isApplied = discount.status === "APPLIED"
    return {
      id: discount.id,
      code: discount.code ?? null,
      merchant_id: discount.merchant_id ?? null,
      type: discount.type,
      status: discount.status,
      value_type: discount.value_type ?? null,
      value: valueOf(discount, currency),
      amount_total: isApplied ? major(Number(discount.amount_total)) : 0,
      is_primary: discount.is_primary,
      message: messageOf(discount),
      allocations: isApplied
        ? allocationsOf(discount).map((share) => ({ line_item_id: share.line_item_id, amount: major(share.amount) }))
        : [],
    }
  })

  return {
    id: session.id,
    status: displayedStatus(session),
    currency_code: currency,
    region_id: session.region_id,
    sales_channel_id: session.sales_channel_id,
    customer_id: session.customer_id ?? null,
    email: session.email ?? null,
    version: session.version,
    priced: session.priced,
    expires_at: session.expires_at,
    converted_cart_id: session.converted_cart_id ?? null,
    ready_for_checkout_at: session.ready_for_checkout_at ?? null,
    metadata: session.metadata ?? null,
    created_at: session.created_at,
    updated_at: session.updated_at,
    bags: serializedBags,
    discounts: serializedDiscounts,
    subtotal: major(subtotal),
    discount_total: major(discountTotal),
    total: major(subtotal - discountTotal),
    messages: serializedDiscounts.map((discount) => discount.message).filter((message): message is string => !!message),
    add_ons_offered: addOns.map((addOn) => ({ ...addOn, unit_price: major(addOn.unit_price) })),
  }
}

export type SerializedCartSession = ReturnType<typeof serializeCartSession>

function allocationsOf(discount: CartSessionDiscountDTO): StoredAllocation[] {
  return (discount.allocations as unknown as StoredAllocation[] | null) ?? []
}

/** A percentage as stored; a fixed value back in major units. */
function valueOf(discount: CartSessionDiscountDTO, currency: string): number | null {
  if (discount.value === null || discount.value === undefined) return null
  const value = Number(discount.value)
  return discount.value_type === "fixed" ? fromMinorUnits(value, currency) : value
}

function messageOf(discount: CartSessionDiscountDTO): string | null {
  return discount.status === "PENDING" ? pendingMessage(discount.code ?? null) : discount.message ?? null
}

/** An open session past its expiry is shown as expired, before any job marks it so. */
function displayedStatus(session: CartSessionDTO): string {
  const expired = session.status === "open" && new Date(session.expires_at).getTime() <= Date.now()
  return expired ? "expired" : session.status
}
