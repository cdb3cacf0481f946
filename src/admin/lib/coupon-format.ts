import type { Coupon, CouponTargetType, Merchant } from "./coupon-api"

/** Minor-unit digits of a currency (USD 2, JPY 0, KWD 3), as the browser's Intl knows them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** `12.5` USD → "12.50 USD". */
export function formatAmount(amount: number, currency: string | null): string {
  if (!currency) {
    return String(amount)
  }
  const digits = currencyDigits(currency.toUpperCase())
  const number = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount)
  return `${number} ${currency.toUpperCase()}`
}

/** "10%" or "5.00 USD". */
export function formatCouponValue(coupon: Pick<Coupon, "value_type" | "value" | "currency_code">) {
  return coupon.value_type === "percentage"
    ? `${coupon.value}%`
    : formatAmount(coupon.value, coupon.currency_code)
}

/** What a coupon (or a session's discount) takes from: "Items" or "Shipping". */
export function targetTypeLabel(target: CouponTargetType): string {
  return target === "shipping_methods" ? "Shipping" : "Items"
}

/** Redemptions over the limit: "3 / 100", "0 / ∞". */
export function formatUsage(coupon: Pick<Coupon, "usage_count" | "usage_limit">) {
  return `${coupon.usage_count} / ${coupon.usage_limit ?? "∞"}`
}

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" })
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" })

export const formatDate = (iso: string) => dateFormat.format(new Date(iso))
export const formatDateTime = (iso: string | null) => (iso ? dateTimeFormat.format(new Date(iso)) : "—")

/** The validity window in a few words: "Jan 1, 2026 – Feb 1, 2026", "From …", "Until …", "Always". */
export function formatValidity(coupon: Pick<Coupon, "starts_at" | "ends_at">) {
  const { starts_at: startsAt, ends_at: endsAt } = coupon
  if (startsAt && endsAt) {
    return `${formatDate(startsAt)} – ${formatDate(endsAt)}`
  }
  if (startsAt) {
    return `From ${formatDate(startsAt)}`
  }
  return endsAt ? `Until ${formatDate(endsAt)}` : "Always"
}

/** The merchant's name (or handle) a coupon is scoped to; "Store-wide" without one. */
export function merchantLabel(merchantId: string | null, merchants: Merchant[] | undefined) {
  if (merchantId === null) {
    return "Store-wide"
  }
  const merchant = merchants?.find((candidate) => candidate.handle === merchantId)
  return merchant?.name || merchantId
}
