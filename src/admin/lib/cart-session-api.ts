import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"

// The API's shapes are the typed client's (src/client/types.ts). The plugin's own names (docs/statuses.md):
// `AUTOMATIC`, a coupon with `is_automatic` that applied itself; `NOT_ELIGIBLE`, a shopper rule of the coupon fails.
export type {
  AdminCartSession as CartSession,
  AdminCartSessionRow as CartSessionRow,
  CartSessionAddress,
  AdminCartSessionBag as CartSessionBag,
  CartSessionBagDiscount,
  CartSessionDiscount,
  CartSessionLine,
  CartSessionShippingMethod,
  CodeTargetType as CartSessionDiscountTarget,
  DiscountStatus as CartSessionDiscountStatus,
  DiscountType as CartSessionDiscountType,
  ManualDiscount,
  ManualDiscountsBody,
} from "../../client/types"
import type { AdminCartSession as CartSession, AdminCartSessionRow as CartSessionRow, ManualDiscountsBody } from "../../client/types"

export type CartSessionListParams = {
  q?: string
  status?: string
  has_codes?: boolean
  "created_at[$gte]"?: string
  "created_at[$lt]"?: string
  limit: number
  offset: number
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
