import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { COUPON_MODULE, CouponModuleService } from "../modules/coupon"
import { markCartSessionsPendingWorkflow } from "../workflows/cart-session"

/**
 * A coupon created, edited or deleted may change what a code in an open
 * session is worth (or whether it exists): its codes go back to PENDING until
 * re-priced (by the shopper's next change, `price`, or the re-pricing job).
 */
export default async function couponChangedRepriceSessionsHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
  const [coupon] = await coupons.listCoupons(
    { id: event.data.id },
    { select: ["id", "code"], withDeleted: true }
  )
  await markCartSessionsPendingWorkflow(container).run({
    input: { coupon_ids: [event.data.id], codes: coupon ? [coupon.code] : [] },
  })
}

export const config: SubscriberConfig = {
  event: ["coupon.created", "coupon.updated", "coupon.deleted"],
  context: { subscriberId: "checkout-discounts-coupon-changed-reprice-sessions" },
}
