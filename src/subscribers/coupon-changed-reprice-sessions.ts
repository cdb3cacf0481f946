import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { limitedSubscriber } from "../lib/subscriber-limit"
import { markCouponSessionsPendingWorkflow } from "../workflows/cart-session"
import { CouponEvents } from "../workflows/coupon"

/** One coupon created, edited or deleted, or the batch of a bulk generation. */
type CouponEventData = { id: string } | { ids: string[] }

/**
 * A coupon created, edited or deleted may change what a code in an open
 * session is worth (or whether it exists): its codes go back to PENDING until
 * re-priced (by the shopper's next change, `price`, or the re-pricing job).
 */
export default limitedSubscriber(async function couponChangedRepriceSessionsHandler({
  event,
  container,
}: SubscriberArgs<CouponEventData>) {
  const couponIds = "ids" in event.data ? event.data.ids : [event.data.id]
  await markCouponSessionsPendingWorkflow(container).run({ input: { coupon_ids: couponIds } })
})

export const config: SubscriberConfig = {
  event: [CouponEvents.CREATED, CouponEvents.UPDATED, CouponEvents.DELETED, CouponEvents.GENERATED],
  context: { subscriberId: "checkout-discounts-coupon-changed-reprice-sessions" },
}
