import { InferTypeOf } from "@medusajs/framework/types"
import type { CartSessionAddress } from "../../../client/types"
import { CartSession, CartSessionDiscount, CartSessionLineItem, CartSessionManualDiscount } from "../models"

export type CartSessionDTO = InferTypeOf<typeof CartSession>
export type CartSessionLineItemDTO = InferTypeOf<typeof CartSessionLineItem>
export type CartSessionDiscountDTO = InferTypeOf<typeof CartSessionDiscount>
export type CartSessionManualDiscountDTO = InferTypeOf<typeof CartSessionManualDiscount>

export type CartSessionStatus = CartSessionDTO["status"]
export type CartSessionDiscountStatus = CartSessionDiscountDTO["status"]

/** One share of a discount on a line, in integer minor units. */
export type StoredAllocation = { line_item_id: string; amount: number }

/** A shipping discount's share on one bag's shipping method, in integer minor units. */
export type StoredShippingAllocation = { merchant_id: string; amount: number }

/** Where a session ships to, with the fields the host's cart address takes (`country_code` lower case). */
export type { CartSessionAddress }

/**
 * A bag's shipping method as chosen from the options the host offers that bag and priced for the bag
 * alone (`amount` in integer minor units); the tax rates are the host's for the session's address.
 */
export type CartSessionShippingMethodState = {
  merchant_id: string
  option_id: string
  name: string
  amount: number
  is_tax_inclusive: boolean
  tax_rates: number[] | null
  /** What the option's fulfillment provider keeps for it (the host's `data`), passed on at convert. */
  data: Record<string, unknown> | null
  /**
   * What the method was last checked and priced for (a digest of the address, the bag's lines and its item
   * total): a change that leaves them as they were keeps the method without asking the host again.
   */
  priced_for: string | null
}

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
  shipping_address: CartSessionAddress | null
  /** In the order of the bags' merchants' first lines; at most one a merchant. */
  shipping_methods: CartSessionShippingMethodState[]
  version: number
  priced: boolean
  expires_at: string
  converted_cart_id: string | null
  metadata: Record<string, unknown> | null
  /**
   * When every line's price and product facts were last read from the host, and in which pricing context
   * (`pricingContextKey`); null: never, or not since they were forgotten. Bookkeeping: a change that alters
   * nothing else does not write them.
   */
  catalogue_read_at: string | null
  pricing_context_key: string | null
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
  /** Percent rates of its tax lines (null: untaxed, or no address yet). */
  tax_rates: number[] | null
  is_tax_inclusive: boolean
  metadata: Record<string, unknown> | null
  /** The product's collection and type as last read from the host. */
  product_collection_id: string | null
  product_type_id: string | null
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
  /** What it discounted: the items of its scope, or its bags' shipping. */
  target_type: "items" | "shipping_methods"
  allocations: StoredAllocation[]
  shipping_allocations: StoredShippingAllocation[]
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
