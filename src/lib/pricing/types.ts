// Every amount in these types is an integer of the currency's minor units (cents for USD).

export type DiscountType = "CODE" | "MANUAL"
export type DiscountValueType = "percentage" | "fixed"

export type DiscountStatus =
  | "PENDING"
  | "APPLIED"
  | "INVALID"
  | "EXPIRED"
  | "NOT_STARTED"
  | "MIN_SUBTOTAL_NOT_MET"
  | "USAGE_LIMIT_REACHED"
  | "CUSTOMER_LIMIT_REACHED"
  | "NOT_COMBINABLE"
  | "NOT_APPLICABLE"
  | "NOT_ELIGIBLE"

/** Statuses the caller decides from facts the pricing core cannot see (dates, usage counts, the shopper). */
export type CallerDecidedStatus =
  | "INVALID"
  | "EXPIRED"
  | "NOT_STARTED"
  | "USAGE_LIMIT_REACHED"
  | "CUSTOMER_LIMIT_REACHED"
  | "NOT_APPLICABLE"
  | "NOT_ELIGIBLE"

export type PricingLineInput = {
  id: string
  merchant_id: string
  unit_price: number
  /** Positive integer. */
  quantity: number
  /** Carried through to the output; add-ons are priced like any other line. */
  is_add_on?: boolean
}

export type PricingCodeInput = {
  /** Discount id; unique among codes and manual discounts. */
  id: string
  code: string
  /** `null` (or absent) = store-wide. */
  merchant_id?: string | null
  value_type: DiscountValueType
  /** percentage: 0 < value <= 100, fractions allowed (12.5); fixed: positive minor units. */
  value: number
  combinable: boolean
  /** Higher applies first and wins stacking ties on equal saving. Defaults to 0. */
  priority?: number
  /** Set when the caller already knows the code cannot apply; value checks are then skipped. */
  eligibility?: { status: CallerDecidedStatus; message?: string } | null
  /** Minimum subtotal of the code's scope (its merchant's bag, or the session when store-wide), before any discount. */
  min_subtotal?: number | null
}

export type PricingManualInput = {
  id: string
  /**
   * `item`: on `line_id` only, and codes then leave that line out; `cart`: shared over all lines
   * by what remains of each. Item-level ones apply first, then cart-level ones, then codes.
   */
  scope: "cart" | "item"
  line_id?: string | null
  /** Positive minor units; capped at what earlier manual discounts left (codes come after). */
  amount: number
  name?: string | null
}

export type PriceSessionInput = {
  currency_code: string
  /** In the order they were added; ties in allocation go to the earlier line. */
  lines: PricingLineInput[]
  /** In the order they were applied. */
  codes?: PricingCodeInput[]
  manual?: PricingManualInput[]
}

export type LineAllocation = { discount_id: string; amount: number }
export type DiscountAllocation = { line_id: string; amount: number }

export type PricedLine = {
  id: string
  merchant_id: string
  unit_price: number
  quantity: number
  is_add_on: boolean
  subtotal: number
  discount_total: number
  total: number
  /** Non-zero amounts, in the order the discounts were applied. */
  allocations: LineAllocation[]
}

export type BagDiscount = { id: string; type: DiscountType; code: string | null; amount: number }

export type PricedBag = {
  merchant_id: string
  lines: PricedLine[]
  subtotal: number
  discount_total: number
  total: number
  /** Discounts that took a non-zero amount from this bag, in the order they were applied. */
  discounts: BagDiscount[]
}

export type PricedDiscount = {
  id: string
  type: DiscountType
  /** `null` for manual discounts. */
  code: string | null
  /** Scope of a code; `null` for store-wide codes and manual discounts. */
  merchant_id: string | null
  /** Manual discounts only. */
  name: string | null
  status: DiscountStatus
  /** Human sentence for every status. */
  message: string
  /** 0 unless APPLIED. */
  amount_total: number
  /** Non-zero amounts in line order; they sum exactly to `amount_total`. */
  allocations: DiscountAllocation[]
}

export type PricedSession = {
  currency_code: string
  subtotal: number
  discount_total: number
  total: number
  /** One per merchant, ordered by the merchant's first line. */
  bags: PricedBag[]
  /** Codes in the order given, then manual discounts in input order (whatever order they applied in). */
  discounts: PricedDiscount[]
}
