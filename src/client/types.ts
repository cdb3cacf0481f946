// The plugin's API as its routes answer it (README "Store API", "Admin API"). Amounts are in the currency's
// major unit (12.5 is $12.50). Types only: the imported files have no imports of their own, so these types
// need nothing of the server. src/workflows/cart-session/views/client-contract.ts checks the server's views
// against them at compile time.
import type { CodeAllocation, CodeTargetType, DiscountStatus, DiscountType } from "../lib/pricing/types"
import type { CouponRule, CouponRulesInput, HostEntity, RuleOperator, RuleValueType } from "../lib/coupon-rules/types"

export type { CodeAllocation, CodeTargetType, CouponRule, DiscountStatus, DiscountType, HostEntity, RuleOperator, RuleValueType }

/** Where the session ships to, as the host's cart address takes it. */
export type CartSessionAddress = {
  country_code: string
  province: string | null
  postal_code: string | null
  city: string | null
  address_1: string | null
  address_2: string | null
  first_name: string | null
  last_name: string | null
  company: string | null
  phone: string | null
}

/** A discount of a session: a code, a manual discount or an automatic coupon. */
export type CartSessionDiscount = {
  id: string
  code: string | null
  merchant_id: string | null
  type: DiscountType
  /** A manual discount's name; null for a code. */
  name: string | null
  /** docs/statuses.md: only `APPLIED` takes anything off. */
  status: DiscountStatus
  value_type: "percentage" | "fixed" | null
  value: number | null
  /** What it discounts: the items, or the bags' shipping (a shipping code). Manual discounts are `items`. */
  target_type: CodeTargetType
  amount_total: number
  is_primary: boolean
  /** The shopper's sentence for its status (why it does not apply, or what it took off). */
  message: string | null
  allocations: { line_item_id: string; amount: number }[]
  /** A shipping code's share of each bag's shipping. */
  shipping_allocations: { merchant_id: string; amount: number }[]
}

export type CartSessionLine = {
  id: string
  variant_id: string
  product_id: string
  title: string
  variant_title: string | null
  quantity: number
  unit_price: number
  subtotal: number
  discount_total: number
  /** Its share of the session's tax: inside `total` when tax-inclusive, on top of it otherwise. */
  tax_total: number
  total: number
  is_tax_inclusive: boolean
  is_add_on: boolean
  metadata?: Record<string, unknown> | null
}

/** A bag's shipping method, priced for the bag alone. */
export type CartSessionShippingMethod = { option_id: string; name: string; amount: number; is_tax_inclusive: boolean }

/** What one discount took from a bag (its items, or its shipping). */
export type CartSessionBagDiscount = { id: string; code: string | null; type: DiscountType; amount: number }

/** A bag's totals, and the session's (the sums of its bags'). */
export type CartSessionTotals = {
  subtotal: number
  /** Of the items only; shipping discounts are `shipping_discount_total`. */
  discount_total: number
  shipping_total: number
  shipping_discount_total: number
  item_tax_total: number
  shipping_tax_total: number
  /** Inside `total` for tax-inclusive prices, on top of it otherwise. */
  tax_total: number
  total: number
}

/** One merchant's part of the session. */
export type CartSessionBag = {
  merchant_id: string
  items: CartSessionLine[]
  discounts: CartSessionBagDiscount[]
  shipping_method: CartSessionShippingMethod | null
  shipping_discounts: CartSessionBagDiscount[]
  /** Why the bag's shipping method was removed by the last change; null otherwise. */
  shipping_message: string | null
} & CartSessionTotals

/** An add-on a merchant of the session offers; `selected` when it is in the session. */
export type CartSessionAddOn = {
  id: string
  product_id: string
  title: string
  merchant_id: string
  unit_price: number
  selected: boolean
}

/** The session as every store route answers it (`{ cart_session }`). */
export type StoreCartSession = {
  id: string
  /** `open`, `converted`, `expired` or `cancelled` (docs/statuses.md). */
  status: string
  currency_code: string
  region_id: string
  sales_channel_id: string
  customer_id: string | null
  email: string | null
  shipping_address: CartSessionAddress | null
  /** +1 on every change; send it back as `version` to refuse a change to a session changed meanwhile. */
  version: number
  /** False while a code waits to be priced: convert refuses until `price` is called. */
  priced: boolean
  expires_at: string
  /** The host cart made by convert. */
  converted_cart_id: string | null
  metadata?: Record<string, unknown> | null
  created_at: string
  updated_at: string
  bags: CartSessionBag[]
  discounts: CartSessionDiscount[]
  /** Every discount's message and every shipping notice of the last change. */
  messages: string[]
  add_ons_offered: CartSessionAddOn[]
} & CartSessionTotals

/** What a code would do in the session (POST …/coupons with `validate_only`), nothing changed. */
export type CodePreview = {
  code: string
  merchant_id: string | null
  status: DiscountStatus
  /** What it would take off, in major units. */
  saving: number
  message: string
}

/** A shipping option the host offers one bag, priced for that bag alone. */
export type CartSessionShippingOption = OfferedShippingOptionTerms & {
  /** The bag's shipping method is this option. */
  selected: boolean
}

/** What an option offered to a bag is. */
export type OfferedShippingOptionTerms = {
  id: string
  name: string
  price_type: "flat" | "calculated"
  provider_id: string | null
  amount: number
  is_tax_inclusive: boolean
}

export type CartSessionBagShippingOptions = { merchant_id: string; shipping_options: CartSessionShippingOption[] }

/** A manual discount with who set it and why, beside what it came to. */
export type ManualDiscount = {
  id: string
  discount_id: string
  scope: "cart" | "item"
  line_item_id: string | null
  amount: number
  name: string
  reason: string | null
  created_by: string | null
  created_by_user: { id: string; email: string; first_name: string | null; last_name: string | null } | null
  created_at: string
  status: DiscountStatus
  amount_total: number
  message: string | null
}

/** A bag as the admin routes answer it: with its merchant's name. */
export type AdminCartSessionBag = CartSessionBag & {
  /** The merchant's name (the directory's, or the linked seller's with `merchantLink`); null when it has none. */
  merchant_name: string | null
}

/** The session as the admin routes answer it: the store's view, each bag with its merchant's name, and its manual discounts. */
export type AdminCartSession = Omit<StoreCartSession, "bags"> & { bags: AdminCartSessionBag[]; manual_discounts: ManualDiscount[] }

/** A row of GET /admin/cart-sessions. */
export type AdminCartSessionRow = Pick<
  AdminCartSession,
  | "id"
  | "status"
  | "currency_code"
  | "customer_id"
  | "email"
  | "version"
  | "priced"
  | "created_at"
  | "updated_at"
  | "expires_at"
  | "subtotal"
  | "discount_total"
  | "total"
> & {
  merchant_count: number
  line_count: number
  codes: { code: string | null; status: DiscountStatus; type?: DiscountType }[]
  manual_discount_count: number
}

export type CouponValueType = "percentage" | "fixed"
export type CouponType = "standard" | "buyget"

/** A coupon as the admin API answers it. */
export type Coupon = {
  id: string
  code: string
  merchant_id: string | null
  name: string | null
  value_type: CouponValueType
  value: number
  currency_code: string | null
  starts_at: string | null
  ends_at: string | null
  min_subtotal: number | null
  usage_limit: number | null
  usage_limit_per_customer: number | null
  usage_count: number
  combinable: boolean
  priority: number
  is_active: boolean
  metadata?: Record<string, unknown> | null
  /** The rules in sentences, ids replaced by names (when the rule fields are answered). */
  rules_description?: string[]
  created_at: string
  updated_at: string
} & CouponRuleTerms

/**
 * A coupon's rule fields as stored (docs/coupon-rules.md): `buyget` is buy X get Y; `shipping_methods` takes
 * the value off shipping; `allocation` null reads as `across`; `rules` say who may use it, `target_rules`
 * which lines it discounts, `buy_rules` which lines count as bought.
 */
export type CouponRuleTerms = Omit<Required<CouponRulesInput>, "currency_code" | "type" | "target_type" | "is_automatic"> & {
  type: CouponType
  target_type: CodeTargetType
  is_automatic: boolean
}

/** The rule fields of a coupon: optional in a body, `null` clears one on update. */
export type CouponRuleFields = keyof CouponRuleTerms

/** The body of POST /admin/coupons (and, any subset, of POST /admin/coupons/:id). */
export type CouponBody = Omit<Coupon, "id" | "usage_count" | "rules_description" | "created_at" | "updated_at" | CouponRuleFields> &
  Partial<Pick<Coupon, CouponRuleFields>>

/** The body of POST /admin/coupons: the code and value are required, the rest has defaults. */
export type CreateCouponBody = Pick<CouponBody, "code" | "value_type" | "value"> & Partial<CouponBody>

export type GenerateCouponsBody = Omit<CouponBody, "code"> & {
  prefix: string
  count: number
  length: number
}

export type Merchant = { id: string; handle: string; name: string | null }

/** One rule attribute of the store, as GET /admin/coupon-rule-attributes lists it (built-in or the store's own). */
export type RuleAttributeInfo = {
  name: string
  /** `shopper` attributes go in `rules`; `line` attributes in `target_rules` and `buy_rules`. */
  kind: "shopper" | "line"
  value_type: RuleValueType
  operators: RuleOperator[]
  /** A noun: "customer group". */
  label: string
  description?: string | null
  /** For `id` and `id_list`: what the ids name, so the form can offer a picker. */
  entity?: HostEntity | null
  /** Numbers: an amount in the coupon's currency. */
  money?: boolean
  needs_customer?: boolean
  when_true?: string | null
  when_false?: string | null
}

/** The body of POST /admin/cart-sessions/:id/manual-discounts: replaces the session's manual discounts. */
export type ManualDiscountsBody = {
  cart?: { amount: number; name: string; reason?: string | null }[]
  items?: { line_item_id: string; amount: number; name: string; reason?: string | null }[]
  version?: number
}

// Request bodies of the store routes (src/api/store/cart-sessions/validators.ts).

/** The session version the caller last saw: a change to a session at another version is 409 VERSION_CONFLICT. */
export type Versioned = { version?: number }

export type CartSessionCodeInput = { code: string; merchant_id?: string }

export type CreateCartSessionBody = {
  region_id?: string
  currency_code?: string
  sales_channel_id?: string
  email?: string
  items?: { variant_id: string; quantity: number }[]
  discounts?: CartSessionCodeInput[]
  metadata?: Record<string, unknown> | null
}

export type UpdateCartSessionBody = Versioned & {
  email?: string | null
  shipping_address?: (Pick<CartSessionAddress, "country_code"> & Partial<Omit<CartSessionAddress, "country_code">>) | null
}

export type AddLineBody = Versioned & { variant_id: string; quantity: number }
export type UpdateLineBody = Versioned & { quantity: number }
export type ToggleAddOnBody = Versioned & { add_on_id: string; selected: boolean }
export type AddCodeBody = Versioned & CartSessionCodeInput
export type SetPrimaryCodeBody = Versioned & { code: string | null }
export type SetShippingMethodBody = Versioned & { merchant_id: string; option_id: string }

/** Paging of the admin lists: `order` is a field, `-field` for descending. */
export type ListParams = { limit?: number; offset?: number; order?: string }

export type CouponListParams = ListParams & {
  q?: string
  merchant_id?: string | string[]
  is_active?: boolean
  fields?: string
}

export type MerchantListParams = ListParams & { q?: string; fields?: string }

type CreatedAtFilter = { $gt?: string; $gte?: string; $lt?: string; $lte?: string }

export type CartSessionListParams = ListParams & {
  status?: string | string[]
  customer_id?: string | string[]
  email?: string
  q?: string
  created_at?: CreatedAtFilter
  has_codes?: boolean
  has_manual_discounts?: boolean
}

export type Paginated = { count: number; limit: number; offset: number }
