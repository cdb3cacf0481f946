// Every amount in these types is an integer of the currency's minor units (cents for USD).

export type DiscountType = "CODE" | "MANUAL" | "AUTOMATIC"
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
  /** Percent rates of its tax lines (8.875); several add up. Absent or empty: untaxed. */
  tax_rates?: readonly number[] | null
  /** Whether `unit_price` includes its tax (the region's price setting); the tax is then inside the price. */
  is_tax_inclusive?: boolean | null
}

/** A bag's shipping method as the caller chose and priced it for that bag alone. */
export type PricingShippingMethodInput = {
  /** The bag it ships; at most one method a bag, and the merchant must have a line in the session. */
  merchant_id: string
  option_id: string
  name: string
  /** Non-negative minor units. */
  amount: number
  /** Percent rates of its tax lines; several add up. Absent or empty: untaxed. */
  tax_rates?: readonly number[] | null
  is_tax_inclusive?: boolean | null
}

/** What a code discounts: the items of its scope, or the shipping of the bags in its scope. */
export type CodeTargetType = "items" | "shipping_methods"

export type PricingCodeInput = {
  /** Discount id; unique among codes and manual discounts. */
  id: string
  code: string
  /**
   * `items` when absent. A `shipping_methods` code takes its value off the shipping of the bags in its scope,
   * shared by shipping amount; it stacks with item codes, and `combinable` holds among shipping codes only. Its
   * `min_subtotal` counts the items of its scope after item discounts; target, allocation and buy X get Y
   * fields are refused on it.
   */
  target_type?: CodeTargetType | null
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
  /**
   * Minimum subtotal of the code's scope (its merchant's bag, or the session when store-wide), before any
   * discount; with `target_line_ids`, of the target lines of its scope only.
   */
  min_subtotal?: number | null
  /**
   * The lines its target rules match, resolved by the caller; only those of its scope share it. Absent or
   * `null`: every line of its scope. A code none of whose target lines is in its scope is NOT_APPLICABLE.
   */
  target_line_ids?: readonly string[] | null
  /** Words for its target lines, for messages: "items whose collection is Summer caps". */
  target_description?: string | null
  /** How it is spread over its target lines; `across` when absent. Not with `buy_get`. */
  allocation?: CodeAllocation | null
  /** Most units discounted: of each line (`each`), in all (`once`, `buy_get`). Required by those, refused by `across`. */
  max_quantity?: number | null
  /** Buy X get Y: `target_line_ids` are the lines it may discount, and `max_quantity` is required. */
  buy_get?: PricingBuyGetInput | null
}

/**
 * `across`: shared over the target lines by what remains of each. `each`: on at most `max_quantity` units of
 * every target line. `once`: on at most `max_quantity` units in all, the cheapest first (ties to the earlier
 * line). Under `each` and `once` a fixed value is per unit and at most what remains of the unit.
 */
export type CodeAllocation = "across" | "each" | "once"

/**
 * For every `buy_min_quantity` units bought of `buy_line_ids` (X), `apply_to_quantity` units (Y) of the code's
 * target lines get its value off: a percentage of the unit (100 = free), or a fixed amount per unit and at most
 * the unit. The cheapest target units are discounted first; a unit counted as bought is never discounted; it
 * repeats until `max_quantity` units are discounted. Bought units come from the code's scope too.
 */
export type PricingBuyGetInput = {
  buy_line_ids: readonly string[]
  /** X, a positive integer. */
  buy_min_quantity: number
  /** Y, a positive integer. */
  apply_to_quantity: number
  /** Words for the lines it counts as bought: "items whose type is Shirt". */
  description?: string | null
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
  /** At most one a bag; a bag without one ships for nothing. */
  shipping_methods?: PricingShippingMethodInput[] | null
}

/**
 * One discount's amount on one line. priceSession puts the same object in the line's `allocations` and
 * the discount's (one object a pair, not two: a 10,000-line session has tens of thousands of pairs), so
 * it carries both ids; each list's type requires the id it is read by (stored allocations have only that).
 */
export type LineAllocation = { discount_id: string; amount: number; line_id?: string }
export type DiscountAllocation = { line_id: string; amount: number; discount_id?: string }
/** A shipping code's amount on one bag's shipping method. */
export type ShippingAllocation = { merchant_id: string; amount: number }

export type PricedLine = {
  id: string
  merchant_id: string
  unit_price: number
  quantity: number
  is_add_on: boolean
  subtotal: number
  discount_total: number
  total: number
  /** Its share of the session's tax (inside `total` when tax-inclusive, on top of it otherwise). */
  tax_total: number
  /** Non-zero amounts, in the order the discounts were applied. */
  allocations: LineAllocation[]
}

export type PricedShippingMethod = { option_id: string; name: string; amount: number }

export type BagDiscount = { id: string; type: DiscountType; code: string | null; amount: number }

export type PricedBag = {
  merchant_id: string
  lines: PricedLine[]
  subtotal: number
  /** Of its items only; shipping discounts are `shipping_discount_total`. */
  discount_total: number
  shipping_method: PricedShippingMethod | null
  /** Its shipping method's amount, 0 without one. */
  shipping_total: number
  shipping_discount_total: number
  /** Its share of the session's tax: `item_tax_total` + `shipping_tax_total`. */
  tax_total: number
  item_tax_total: number
  shipping_tax_total: number
  /**
   * subtotal − discount_total + shipping_total − shipping_discount_total + tax_total, the tax added only where
   * prices exclude it (a tax-inclusive price already holds its tax).
   */
  total: number
  /** Item discounts that took a non-zero amount from this bag, in the order they were applied. */
  discounts: BagDiscount[]
  /** Shipping codes that took a non-zero amount from its shipping, in the order they were applied. */
  shipping_discounts: BagDiscount[]
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
  /** `items` for manual discounts. */
  target_type: CodeTargetType
  /** 0 unless APPLIED. */
  amount_total: number
  /** Non-zero amounts in line order; they sum exactly to `amount_total` (an item discount's). */
  allocations: DiscountAllocation[]
  /** A shipping code's non-zero amounts in bag order; they sum exactly to `amount_total`. */
  shipping_allocations: ShippingAllocation[]
}

/** Every total is the sum of the bags'; `tax_total` is the session's exact tax rounded once (half away from zero). */
export type PricedSession = {
  currency_code: string
  subtotal: number
  discount_total: number
  shipping_total: number
  shipping_discount_total: number
  tax_total: number
  item_tax_total: number
  shipping_tax_total: number
  total: number
  /** One per merchant, ordered by the merchant's first line. */
  bags: PricedBag[]
  /** Codes in the order given, then manual discounts in input order (whatever order they applied in). */
  discounts: PricedDiscount[]
}
