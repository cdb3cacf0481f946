import type { CartSessionDiscountStatus, StoredAllocation } from "../../../modules/cart-session"

/** The pricing result stored on a discount row (amounts in minor units). */
export type DiscountPricing = {
  id: string
  merchant_id: string | null
  status: CartSessionDiscountStatus
  message: string | null
  amount_total: number
  allocations: StoredAllocation[]
  coupon_id: string | null
  value_type: "percentage" | "fixed" | null
  value: number | null
}

export function discountPricingOf(row: Record<string, any>): DiscountPricing {
  return {
    id: row.id,
    merchant_id: row.merchant_id ?? null,
    status: row.status,
    message: row.message ?? null,
    amount_total: Number(row.amount_total ?? 0),
    allocations: (row.allocations as StoredAllocation[] | null) ?? [],
    coupon_id: row.coupon_id ?? null,
    value_type: row.value_type ?? null,
    value: row.value === null || row.value === undefined ? null : Number(row.value),
  }
}

/** Field by field; JSON columns come back with their keys reordered, so allocations compare by value. */
export function samePricing(left: DiscountPricing, right: DiscountPricing): boolean {
  return JSON.stringify(comparable(left)) === JSON.stringify(comparable(right))
}

function comparable(pricing: DiscountPricing) {
  const allocations = pricing.allocations.map((share) => [share.line_item_id, share.amount])
  return [pricing.id, pricing.merchant_id, pricing.status, pricing.message, pricing.amount_total, allocations,
    pricing.coupon_id, pricing.value_type, pricing.value]
}

/** The shopper's sentence for a code that has not been priced (again) yet. */
export function pendingMessage(code: string | null): string {
  return `Code ${code} is waiting to be priced`
}

/** The row update for a pricing result (the DML types JSON columns as objects; allocations are a list). */
export function discountRowUpdate(pricing: DiscountPricing) {
  return { ...pricing, allocations: pricing.allocations as unknown as Record<string, unknown> }
}
