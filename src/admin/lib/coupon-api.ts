import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"

// The API's shapes are the typed client's (src/client/types.ts); a rule is the plugin's own shape
// (docs/coupon-rules.md), as the host's promotions write them.
export { RULE_OPERATORS } from "../../lib/coupon-rules/types"
export type { RuleValue } from "../../lib/coupon-rules/types"
export type {
  CodeAllocation as CouponAllocation,
  CodeTargetType as CouponTargetType,
  Coupon,
  CouponBody,
  CouponRule,
  CouponRuleFields,
  CouponType,
  CouponValueType,
  GenerateCouponsBody,
  Merchant,
  RuleOperator,
} from "../../client/types"
import type { Coupon, CouponBody, GenerateCouponsBody, Merchant } from "../../client/types"

export type CouponListParams = {
  q?: string
  merchant_id?: string
  is_active?: boolean
  limit: number
  offset: number
}

type CouponList = { coupons: Coupon[]; count: number; limit: number; offset: number }

const couponKeys = {
  all: ["checkout-discounts", "coupons"] as const,
  list: (params: CouponListParams) => [...couponKeys.all, "list", params] as const,
  detail: (id: string) => [...couponKeys.all, "detail", id] as const,
}

export function useCoupons(params: CouponListParams) {
  return useQuery({
    queryKey: couponKeys.list(params),
    queryFn: () => adminRequest<CouponList>("/admin/coupons", { query: params }),
    placeholderData: keepPreviousData,
  })
}

export function useCoupon(id: string) {
  return useQuery({
    queryKey: couponKeys.detail(id),
    queryFn: () => adminRequest<{ coupon: Coupon }>(`/admin/coupons/${id}`),
  })
}

export function useMerchants() {
  return useQuery({
    queryKey: ["checkout-discounts", "merchants"],
    queryFn: () =>
      adminRequest<{ merchants: Merchant[]; count: number }>("/admin/merchants", {
        query: { limit: 1000 },
      }),
    staleTime: 60_000,
  })
}

/** Every change to coupons refreshes every coupon list and detail. */
function useInvalidateCoupons() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: couponKeys.all })
}

export function useCreateCoupon() {
  const invalidate = useInvalidateCoupons()
  return useMutation({
    mutationFn: (body: CouponBody) =>
      adminRequest<{ coupon: Coupon }>("/admin/coupons", { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useUpdateCoupon(id: string) {
  const invalidate = useInvalidateCoupons()
  return useMutation({
    mutationFn: (body: Partial<CouponBody>) =>
      adminRequest<{ coupon: Coupon }>(`/admin/coupons/${id}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useDeleteCoupon() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      adminRequest<{ id: string; deleted: boolean }>(`/admin/coupons/${id}`, { method: "DELETE" }),
    onSuccess: (_result, id) => {
      // Not refetched now: the page showing it is about to leave, and it would only answer 404.
      void queryClient.invalidateQueries({ queryKey: couponKeys.detail(id), refetchType: "none" })
      // Cached lists drop it at once, so going back to the list never flashes it while refetching.
      queryClient.setQueriesData<CouponList>({ queryKey: [...couponKeys.all, "list"] }, (list) =>
        list && {
          ...list,
          coupons: list.coupons.filter((coupon) => coupon.id !== id),
          count: Math.max(0, list.count - 1),
        }
      )
      return queryClient.invalidateQueries({ queryKey: [...couponKeys.all, "list"] })
    },
  })
}

export function useGenerateCoupons() {
  const invalidate = useInvalidateCoupons()
  return useMutation({
    mutationFn: (body: GenerateCouponsBody) =>
      adminRequest<{ coupons: Coupon[]; count: number }>("/admin/coupons/generate", {
        method: "POST",
        body,
      }),
    onSuccess: invalidate,
  })
}
