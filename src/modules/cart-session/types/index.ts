import { InferTypeOf } from "@medusajs/framework/types"
import { CartSession, CartSessionDiscount, CartSessionLineItem, CartSessionManualDiscount } from "../models"

export type CartSessionDTO = InferTypeOf<typeof CartSession>
export type CartSessionLineItemDTO = InferTypeOf<typeof CartSessionLineItem>
export type CartSessionDiscountDTO = InferTypeOf<typeof CartSessionDiscount>
export type CartSessionManualDiscountDTO = InferTypeOf<typeof CartSessionManualDiscount>

export type CartSessionStatus = CartSessionDTO["status"]
export type CartSessionDiscountStatus = CartSessionDiscountDTO["status"]

/** One share of a discount on a line, in integer minor units. */
export type StoredAllocation = { line_item_id: string; amount: number }

/**
 * A session as one change reads and writes it: the session's columns and its
 * live lines and discounts in the order they were added. Amounts are integer
 * minor units; timestamps are ISO strings (a workflow may serialize its data).
 */
export type CartSessionRecord = {
  id: string
  status: CartSessionStatus
  currency_code: string
  region_id: string
  sales_channel_id: string
  customer_id: string | null
  email: string | null
  version: number
  priced: boolean
  expires_at: string
  converted_cart_id: string | null
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export type CartSessionLineState = {
  id: string
  position: number
  merchant_id: string
  variant_id: string
  product_id: string
  title: string
  variant_title: string | null
  quantity: number
  unit_price: number
  is_add_on: boolean
  metadata: Record<string, unknown> | null
}

export type CartSessionDiscountState = {
  id: string
  position: number
  type: "CODE" | "MANUAL" | "AUTOMATIC"
  code: string | null
  /** The scope the discount applies to once priced (null = store-wide). */
  merchant_id: string | null
  /** The merchant the shopper gave with the code: it only chooses between coupons sharing the code. */
  scope_merchant_id: string | null
  is_primary: boolean
  coupon_id: string | null
  status: CartSessionDiscountStatus
  value_type: "percentage" | "fixed" | null
  value: number | null
  amount_total: number
  allocations: StoredAllocation[]
  message: string | null
  metadata: Record<string, unknown> | null
  /** What staff asked for, on a MANUAL discount; null on a code. */
  manual: CartSessionManualDiscountState | null
}

/** A manual discount as staff set it (`amount` in integer minor units); its priced result is the discount row carrying it. */
export type CartSessionManualDiscountState = {
  id: string
  scope: "cart" | "item"
  /** The line of an item-level discount; null for a cart-level one. */
  line_item_id: string | null
  amount: number
  name: string
  reason: string | null
  /** The admin user who set it. */
  created_by: string | null
  created_at: string
}

export type CartSessionState = CartSessionRecord & {
  items: CartSessionLineState[]
  discounts: CartSessionDiscountState[]
}

/**
 * What one change writes, in one transaction: the session's new columns,
 * guarded by the version it was decided on, and the lines and discounts that
 * are new, changed or removed (`deleted: true`).
 */
export type CartSessionCommit = {
  id: string
  /** null: a new session, inserted with `create`'s columns. */
  expected_version: number | null
  create?: Pick<CartSessionRecord, "currency_code" | "region_id" | "sales_channel_id" | "created_at">
  session: Omit<CartSessionRecord, "id" | "currency_code" | "region_id" | "sales_channel_id" | "created_at">
  items: (CartSessionLineState & { deleted?: boolean })[]
  /** The discount rows; their `manual` part is written as `manual_discounts`. */
  discounts: (CartSessionDiscountState & { deleted?: boolean })[]
  manual_discounts: (CartSessionManualDiscountState & { discount_id: string; deleted?: boolean })[]
}

/** What the admin list of sessions filters by; every filter given must hold. */
export type CartSessionListFilters = {
  /** `open` means open and not past its expiry; `expired` includes open sessions past it. */
  status?: string[]
  customer_id?: string[]
  /** The exact email, ignoring case. */
  email?: string
  /** Part of the email or the id, ignoring case. */
  q?: string
  created_at?: { $gt?: Date; $gte?: Date; $lt?: Date; $lte?: Date }
  has_codes?: boolean
  has_manual_discounts?: boolean
}

/** A page of a list: `order` by column, e.g. `{ created_at: "DESC" }` (then by id). */
export type CartSessionListPage = { skip: number; take: number; order?: Record<string, string> }
