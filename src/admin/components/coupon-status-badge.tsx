import { StatusBadge } from "@medusajs/ui"
import type { Coupon } from "../lib/coupon-api"

type Status = { label: string; color: "green" | "grey" | "orange" | "blue" }

/** Whether shoppers can use the code now: inactive, scheduled, expired, used up or active. */
export function couponStatus(coupon: Coupon, now = Date.now()): Status {
  if (!coupon.is_active) {
    return { label: "Inactive", color: "grey" }
  }
  if (coupon.starts_at && new Date(coupon.starts_at).getTime() > now) {
    return { label: "Scheduled", color: "blue" }
  }
  if (coupon.ends_at && new Date(coupon.ends_at).getTime() <= now) {
    return { label: "Expired", color: "orange" }
  }
  if (coupon.usage_limit !== null && coupon.usage_count >= coupon.usage_limit) {
    return { label: "Used up", color: "orange" }
  }
  return { label: "Active", color: "green" }
}

export const CouponStatusBadge = ({ coupon }: { coupon: Coupon }) => {
  const { label, color } = couponStatus(coupon)
  return <StatusBadge color={color}>{label}</StatusBadge>
}
