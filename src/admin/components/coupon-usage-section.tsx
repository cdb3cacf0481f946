import { Container, Heading, Text } from "@medusajs/ui"
import type { Coupon } from "../lib/coupon-api"
import { formatDateTime, formatUsage } from "../lib/coupon-format"

/** Redemptions against the limits: how many times the code was used and how many are left. */
export const CouponUsageSection = ({ coupon }: { coupon: Coupon }) => {
  const limit = coupon.usage_limit
  const share = limit ? Math.min(1, coupon.usage_count / limit) : 0
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Usage</Heading>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex items-baseline justify-between">
          <Text size="small" weight="plus">
            Redemptions
          </Text>
          <Text size="xlarge" weight="plus" data-testid="coupon-usage">
            {formatUsage(coupon)}
          </Text>
        </div>
        {limit !== null && (
          <div className="bg-ui-bg-component h-2 overflow-hidden rounded-full">
            <div className="bg-ui-fg-interactive h-full" style={{ width: `${share * 100}%` }} />
          </div>
        )}
        <Text size="small" className="text-ui-fg-subtle">
          {limit === null
            ? "No limit on total uses."
            : `${Math.max(0, limit - coupon.usage_count)} of ${limit} uses left.`}{" "}
          {coupon.usage_limit_per_customer === null
            ? "No limit per customer."
            : `Each customer may use it ${coupon.usage_limit_per_customer} ${
                coupon.usage_limit_per_customer === 1 ? "time" : "times"
              }.`}
        </Text>
      </div>
      <div className="text-ui-fg-subtle grid grid-cols-2 px-6 py-4">
        <Text size="small">Created</Text>
        <Text size="small">{formatDateTime(coupon.created_at)}</Text>
      </div>
      <div className="text-ui-fg-subtle grid grid-cols-2 px-6 py-4">
        <Text size="small">Updated</Text>
        <Text size="small">{formatDateTime(coupon.updated_at)}</Text>
      </div>
    </Container>
  )
}
