// The coupon list's filters the count of repositories/coupon-list.ts can say in SQL. It lives outside
// repositories/ because the module loader registers every function exported there as a repository.

/** The list filters the count (repositories/coupon-list.ts) can say in SQL; a list with any other falls back to the exact count. */
export type CountableCouponFilters = {
  q?: string
  id?: string | string[]
  merchant_id?: string | string[]
  is_active?: boolean
}

const COUNTABLE = new Set(["q", "id", "merchant_id", "is_active"])

/** The filters as the count can say them, or null when one of them is not countable here. */
export function countableFilters(filters: Record<string, unknown>): CountableCouponFilters | null {
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) {
      continue
    }
    if (!COUNTABLE.has(key)) {
      return null
    }
    const ok =
      key === "is_active"
        ? typeof value === "boolean"
        : typeof value === "string" || (Array.isArray(value) && value.every((entry) => typeof entry === "string"))
    if (!ok || (key === "q" && typeof value !== "string")) {
      return null
    }
  }
  return filters as CountableCouponFilters
}
