import { InferTypeOf } from "@medusajs/framework/types"
import type { CouponRule } from "../../../lib/coupon-rules"
import { Coupon, CouponRedemption } from "../models"

export type CouponDTO = InferTypeOf<typeof Coupon>
export type CouponRedemptionDTO = InferTypeOf<typeof CouponRedemption>

export type CouponValueType = "percentage" | "fixed"

/** A coupon as eligibility reads it (one statement, `CouponCodeRepository.findCandidates`): amounts as stored. */
export type CouponCandidate = {
  id: string
  code: string
  merchant_id: string | null
  value_type: CouponValueType
  value: number | string
  currency_code: string | null
  starts_at: Date | string | null
  ends_at: Date | string | null
  min_subtotal: number | string | null
  usage_limit: number | null
  usage_limit_per_customer: number | null
  usage_count: number
  combinable: boolean
  priority: number
  is_active: boolean
} & Required<Omit<CouponRuleFields, "type" | "target_type" | "is_automatic">> & {
  type: CouponType
  target_type: CouponTargetType
  is_automatic: boolean
}

/** Fields an admin sets on a coupon; amounts in the currency's major unit. */
export type CouponFields = {
  code: string
  /** `null` (or absent) = store-wide. */
  merchant_id?: string | null
  name?: string | null
  value_type: CouponValueType
  value: number
  /** Required for fixed coupons and for a `min_subtotal`. */
  currency_code?: string | null
  starts_at?: Date | null
  ends_at?: Date | null
  min_subtotal?: number | null
  usage_limit?: number | null
  usage_limit_per_customer?: number | null
  combinable?: boolean
  priority?: number
  is_active?: boolean
  metadata?: Record<string, unknown> | null
} & CouponRuleFields

/** The coupon rules of docs/coupon-rules.md; all optional (a coupon without them behaves as before). */
export type CouponRuleFields = {
  /** `standard` (default) or `buyget` (buy X get Y). */
  type?: CouponType
  /** `items` (default): its scope's items; `shipping_methods`: the shipping of its scope's bags (no target rules, no buy X get Y). */
  target_type?: CouponTargetType
  /** `across` when null: shared over the matching lines by value. */
  allocation?: CouponAllocation | null
  max_quantity?: number | null
  /** Who may use it (shopper attributes). */
  rules?: CouponRule[] | null
  /** Which lines it discounts (line attributes). */
  target_rules?: CouponRule[] | null
  /** Buy X get Y: the lines counted as bought. */
  buy_rules?: CouponRule[] | null
  buy_rules_min_quantity?: number | null
  apply_to_quantity?: number | null
  /** Applies without a code to every session that meets its rules. */
  is_automatic?: boolean
}

export type CouponType = "standard" | "buyget"
export type CouponTargetType = "items" | "shipping_methods"
export type CouponAllocation = "across" | "each" | "once"

export type CreateCouponInput = CouponFields

/** A bulk generation: `count` coupons with the template's terms and codes `prefix` + `length` random characters. */
export type GenerateCouponsInput = {
  prefix: string
  count: number
  length: number
  template: Omit<CouponFields, "code">
}
export type UpdateCouponInput = Partial<CouponFields> & { id: string }

export type RecordCouponRedemptionInput = {
  coupon_id: string
  /** The cart session that took the seat at convert, before its cart exists. */
  cart_session_id?: string | null
  cart_id?: string | null
  order_id?: string | null
  customer_id?: string | null
  /** The shopper's email (stored trimmed and lower-cased): a guest's seats count by it for `usage_limit_per_customer`. */
  email?: string | null
  /** The discount the redemption granted, in the currency's major unit. */
  amount: number
  currency_code: string
  metadata?: Record<string, unknown> | null
}

export type ReleaseCouponRedemptionsOptions = {
  /** Keep seats of an order and seats claimed by a complete (see `claimed_before`). */
  unclaimed_only?: boolean
  /** With `unclaimed_only`: a claim older than this no longer keeps the seat (the complete died). */
  claimed_before?: Date
}

/** A seat as the claim of a completing cart returns it. */
export type CouponSeat = { id: string; coupon_id: string; order_id: string | null }

/** Statuses a coupon lookup can decide (docs/statuses.md), plus `ELIGIBLE`. */
export type CouponEligibilityStatus =
  | "ELIGIBLE"
  | "INVALID"
  | "NOT_STARTED"
  | "EXPIRED"
  | "USAGE_LIMIT_REACHED"
  | "CUSTOMER_LIMIT_REACHED"

/** What pricing needs to know about a coupon, without its storage. */
export type CouponPricingTerms = {
  id: string
  /** As stored (the shopper may have typed another case). */
  code: string
  merchant_id: string | null
  value_type: CouponValueType
  /** percentage: 0 < value <= 100; fixed: major units of `currency_code`. */
  value: number
  currency_code: string | null
  min_subtotal: number | null
  combinable: boolean
  priority: number
  type: CouponType
  target_type: CouponTargetType
  allocation: CouponAllocation | null
  max_quantity: number | null
  rules: CouponRule[] | null
  target_rules: CouponRule[] | null
  buy_rules: CouponRule[] | null
  buy_rules_min_quantity: number | null
  apply_to_quantity: number | null
  is_automatic: boolean
}

export type CouponEligibility = {
  /** The code as asked. */
  code: string
  status: CouponEligibilityStatus
  eligible: boolean
  /** A sentence for the shopper, for every status. */
  message: string
  /** `null` when INVALID: the shopper learns nothing about unusable codes. */
  coupon: CouponPricingTerms | null
}

export type CouponEligibilityQuery = {
  /** A code, or a code with the merchant it is meant for (which overrides `merchant_id`). */
  codes: (string | { code: string; merchant_id?: string | null })[]
  /** The merchant the codes are meant for: its own coupon wins over a store-wide one with the same code. */
  merchant_id?: string | null
  /**
   * The shopper, for `usage_limit_per_customer`: redemptions count when their
   * customer id or their email (compared trimmed and lower-cased) is this one's.
   * With neither (an anonymous session), per-customer limits cannot be counted
   * and are not applied.
   */
  customer_id?: string | null
  email?: string | null
  /**
   * The cart session asking: the seats it already holds (a convert that died after taking them, and is
   * retried) are its own and count against no limit of theirs.
   */
  cart_session_id?: string | null
  /** Defaults to now. */
  at?: Date
}

/** A session's coupons: its codes, and every live automatic coupon (docs/coupon-rules.md). */
export type SessionCouponsQuery = CouponEligibilityQuery & {
  /**
   * The session's merchants and currency: automatic coupons of another merchant, or whose amounts are in
   * another currency, cannot apply and are not read.
   */
  automatic_for?: { merchant_ids: string[]; currency_code: string }
}

export type SessionCoupons = {
  /** In the order of `codes`. */
  codes: CouponEligibility[]
  /**
   * Every active automatic coupon in its dates (of the session's merchants and currency when the query
   * names them), each with its verdict (usage and per-customer limits); a coupon that is also among
   * `codes` is answered there only.
   */
  automatic: CouponEligibility[]
}
