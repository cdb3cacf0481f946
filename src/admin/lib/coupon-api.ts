import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"

export type CouponValueType = "percentage" | "fixed"

// One rule, as the host's promotions write them (docs/coupon-rules.md): the plugin's own shapes.
export { RULE_OPERATORS } from "../../lib/coupon-rules/types"
export type { CouponRule, RuleOperator, RuleValue } from "../../lib/coupon-rules/types"
import type { CouponRule } from "../../lib/coupon-rules/types"
export type CouponType = "standard" | "buyget"
/** What a coupon discounts: its scope's items, or the shipping of its scope's bags. */
export type CouponTargetType = "items" | "shipping_methods"
export type CouponAllocation = "across" | "each" | "once"

/** A coupon as GET /admin/coupons answers it; amounts in the currency's major unit. */
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
  /** `buyget`: buy X get Y (docs/coupon-rules.md). */
  type: CouponType
  /** `shipping_methods`: takes its value off shipping; it then has no target rules, buy X get Y or unit allocation. */
  target_type: CouponTargetType
  /** `null` reads as `across`. */
  allocation: CouponAllocation | null
  max_quantity: number | null
  /** Who may use it (shopper attributes). */
  rules: CouponRule[] | null
  /** Which lines it discounts (line attributes). */
  target_rules: CouponRule[] | null
  /** Buy X get Y: the lines that count as bought. */
  buy_rules: CouponRule[] | null
  buy_rules_min_quantity: number | null
  apply_to_quantity: number | null
  is_automatic: boolean
  /** GET /admin/coupons/:id only: the rules in sentences, ids replaced by names. */
  rules_description?: string[]
  created_at: string
  updated_at: string
}

export type Merchant = { id: string; handle: string; name: string | null }

/** The rule fields of a coupon (docs/coupon-rules.md): optional in a body, `null` clears one on update. */
export type CouponRuleFields =
  | "type"
  | "target_type"
  | "allocation"
  | "max_quantity"
  | "rules"
  | "target_rules"
  | "buy_rules"
  | "buy_rules_min_quantity"
  | "apply_to_quantity"
  | "is_automatic"

/** The body of POST /admin/coupons (and, any subset, of POST /admin/coupons/:id). */
export type CouponBody = Omit<Coupon, "id" | "usage_count" | "rules_description" | "created_at" | "updated_at" | CouponRuleFields> &
  Partial<Pick<Coupon, CouponRuleFields>>

export type GenerateCouponsBody = Omit<CouponBody, "code"> & {
  prefix: string
  count: number
  length: number
}

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
