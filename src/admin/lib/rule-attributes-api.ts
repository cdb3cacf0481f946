import { useQuery } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"
import type { RuleOperator } from "./coupon-api"

export type { HostEntity, RuleValueType } from "../../lib/coupon-rules/types"
import type { HostEntity, RuleValueType } from "../../lib/coupon-rules/types"

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
}

/** The store's rule attributes; the rule form offers exactly these. */
export function useRuleAttributes() {
  return useQuery({
    queryKey: ["checkout-discounts", "coupon-rule-attributes"],
    queryFn: () => adminRequest<{ attributes: RuleAttributeInfo[] }>("/admin/coupon-rule-attributes"),
    staleTime: 5 * 60_000,
  })
}
