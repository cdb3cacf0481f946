import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"

// The plugin's own names (docs/statuses.md): `AUTOMATIC`, a coupon with `is_automatic` that applied itself;
// `NOT_ELIGIBLE`, a shopper rule of the coupon fails (its message names the rule).
export type { DiscountStatus as CartSessionDiscountStatus, DiscountType as CartSessionDiscountType } from "../../lib/pricing/types"
import type { DiscountStatus as CartSessionDiscountStatus, DiscountType as CartSessionDiscountType } from "../../lib/pricing/types"

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
  amount_total: number
  is_primary: boolean
  message: string | null
  allocations: { line_item_id: string; amount: number }[]
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
  total: number
  is_add_on: boolean
}

export type CartSessionBag = {
  merchant_id: string
  items: CartSessionLine[]
  discounts: { id: string; code: string | null; type: CartSessionDiscountType; amount: number }[]
  subtotal: number
  discount_total: number
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
