import { ExecArgs } from "@medusajs/framework/types"
import { releaseAbandonedCouponSeats } from "medusa-plugin-checkout-discounts/workflows"

/**
 * `medusa exec ./src/scripts/release-abandoned-coupon-seats.ts [time …]`: the
 * plugin's release of abandoned coupon seats, as the scheduled job runs it
 * every 5 minutes, but as of each `time` given in turn (ISO 8601; none: now),
 * so a test can move the clock past a session's lifetime and a complete's
 * claim. Prints one line a time:
 * `released-abandoned-coupon-seats {"now":…,"released":[…],"kept_by_orders":[…]}`.
 */
export default async function releaseAbandonedCouponSeatsAt({ container, args }: ExecArgs) {
  const times = (args.length ? args : [new Date().toISOString()]).map((arg) => {
    const time = new Date(arg)
    if (Number.isNaN(time.getTime())) {
      throw new Error(`Not a time: ${arg} (give ISO 8601 times, e.g. 2026-12-06T12:00:00Z)`)
    }
    return time
  })
  for (const now of times) {
    const result = await releaseAbandonedCouponSeats(container, { now })
    console.log(`released-abandoned-coupon-seats ${JSON.stringify({ now: now.toISOString(), ...result })}`)
  }
}
