import { useQuery } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"

export type { HostEntity, RuleAttributeInfo, RuleValueType } from "../../client/types"
import type { RuleAttributeInfo } from "../../client/types"

/** The store's rule attributes; the rule form offers exactly these. */
export function useRuleAttributes() {
  return useQuery({
    queryKey: ["checkout-discounts", "coupon-rule-attributes"],
    queryFn: () => adminRequest<{ attributes: RuleAttributeInfo[] }>("/admin/coupon-rule-attributes"),
    staleTime: 5 * 60_000,
  })
}
