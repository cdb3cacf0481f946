import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"

// The plugin's own names (docs/statuses.md): `AUTOMATIC`, a coupon with `is_automatic` that applied itself;
// `NOT_ELIGIBLE`, a shopper rule of the coupon fails (its message names the rule).
export type {
  CodeTargetType as CartSessionDiscountTarget,
  DiscountStatus as CartSessionDiscountStatus,
  DiscountType as CartSessionDiscountType,
} from "../../lib/pricing/types"
/** Where the session ships to, as the host's cart address takes it (`country_code` lower case). */
export type { CartSessionAddress } from "../../modules/cart-session/types"
import type { CartSessionAddress } from "../../modules/cart-session/types"
import type {
  CodeTargetType as CartSessionDiscountTarget,
  DiscountStatus as CartSessionDiscountStatus,
  DiscountType as CartSessionDiscountType,
} from "../../lib/pricing/types"

/** A discount of a session as the session view gives it; amounts in the currency's major unit. */
export type CartSessionDiscount = {
  id: string
  code: string | null
  merchant_id: string | null
  type: CartSessionDiscountType
  name: string | null
  status: CartSessionDiscountStatus
  value_type: "percentage" | "fixed" | null
  value: number | null
  /** What it discounts: the items, or the bags' shipping (a shipping code). Manual discounts are `items`. */
  target_type: CartSessionDiscountTarget
  amount_total: number
  is_primary: boolean
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
}

/** A bag's shipping method, priced for the bag alone. */
export type CartSessionShippingMethod = { option_id: string; name: string; amount: number; is_tax_inclusive: boolean }

/** What one discount took from a bag (its items, or its shipping). */
export type CartSessionBagDiscount = { id: string; code: string | null; type: CartSessionDiscountType; amount: number }

export type CartSessionBag = {
  merchant_id: string
  /** The merchant's name (the directory's, or the linked seller's with `merchantLink`); null when it has none. */
  merchant_name: string | null
  items: CartSessionLine[]
  discounts: CartSessionBagDiscount[]
  shipping_method: CartSessionShippingMethod | null
  shipping_discounts: CartSessionBagDiscount[]
  /** Why the bag's shipping method was removed by the last change; null otherwise. */
  shipping_message: string | null
  subtotal: number
  /** Of its items only; shipping discounts are `shipping_discount_total`. */
  discount_total: number
  shipping_total: number
  shipping_discount_total: number
  item_tax_total: number
  shipping_tax_total: number
  tax_total: number
  total: number
}

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
  status: CartSessionDiscountStatus
  amount_total: number
  message: string | null
}

/** GET /admin/cart-sessions/:id: the store's view of the session plus its manual discounts. */
export type CartSession = {
  id: string
  status: string
  currency_code: string
  region_id: string
  sales_channel_id: string
  customer_id: string | null
  email: string | null
  shipping_address: CartSessionAddress | null
  version: number
  priced: boolean
  expires_at: string
  converted_cart_id: string | null
  created_at: string
  updated_at: string
  bags: CartSessionBag[]
  discounts: CartSessionDiscount[]
  subtotal: number
  discount_total: number
  shipping_total: number
  shipping_discount_total: number
  item_tax_total: number
  shipping_tax_total: number
  tax_total: number
  total: number
  messages: string[]
  manual_discounts: ManualDiscount[]
}

/** A row of GET /admin/cart-sessions. */
export type CartSessionRow = Pick<
  CartSession,
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
  codes: { code: string; status: CartSessionDiscountStatus; type?: CartSessionDiscountType }[]
  manual_discount_count: number
}

export type CartSessionListParams = {
  q?: string
  status?: string
  has_codes?: boolean
  "created_at[$gte]"?: string
  "created_at[$lt]"?: string
  limit: number
  offset: number
}

/** The body of POST /admin/cart-sessions/:id/manual-discounts. */
export type ManualDiscountsBody = {
  cart?: { amount: number; name: string; reason?: string | null }[]
  items?: { line_item_id: string; amount: number; name: string; reason?: string | null }[]
  version?: number
}

type CartSessionList = { cart_sessions: CartSessionRow[]; count: number; limit: number; offset: number }

const cartSessionKeys = {
  all: ["checkout-discounts", "cart-sessions"] as const,
  list: (params: CartSessionListParams) => [...cartSessionKeys.all, "list", params] as const,
  detail: (id: string) => [...cartSessionKeys.all, "detail", id] as const,
}

export function useCartSessions(params: CartSessionListParams) {
  return useQuery({
    queryKey: cartSessionKeys.list(params),
    queryFn: () => adminRequest<CartSessionList>("/admin/cart-sessions", { query: params }),
    placeholderData: keepPreviousData,
  })
}

export function useCartSession(id: string) {
  return useQuery({
    queryKey: cartSessionKeys.detail(id),
    queryFn: () => adminRequest<{ cart_session: CartSession }>(`/admin/cart-sessions/${id}`),
  })
}

/** A change answers the whole session: it replaces the cached detail, and lists are refreshed. */
function useSessionChange(id: string, request: (body: ManualDiscountsBody | { version?: number }) => Promise<{ cart_session: CartSession }>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: request,
    onSuccess: (answer) => {
      queryClient.setQueryData(cartSessionKeys.detail(id), answer)
      return queryClient.invalidateQueries({ queryKey: [...cartSessionKeys.all, "list"] })
    },
  })
}

export function useSetManualDiscounts(id: string) {
  return useSessionChange(id, (body) =>
    adminRequest(`/admin/cart-sessions/${id}/manual-discounts`, { method: "POST", body })
  )
}

export function useClearManualDiscounts(id: string) {
  return useSessionChange(id, (body) =>
    adminRequest(`/admin/cart-sessions/${id}/manual-discounts`, { method: "DELETE", body })
  )
}
