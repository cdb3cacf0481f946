import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../modules/cart-session"
import { COUPON_MODULE, CouponModuleService } from "../modules/coupon"
import { escapeLikePattern, markCartSessionsPendingWorkflow } from "../workflows/cart-session"

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
  // Bulk generation emits one event per coupon: skip the workflow (and its
  // locks) when no session holds the coupon or its code at all.
  const byCoupon = [
    { coupon_id: event.data.id },
    ...(coupon ? [{ code: { $ilike: escapeLikePattern(coupon.code) } }] : []),
  ]
  const [held] = await container
    .resolve<CartSessionModuleService>(CART_SESSION_MODULE)
    .listCartSessionDiscounts({ $or: byCoupon } as any, { select: ["id"], take: 1 })
  if (!held) {
    return
  }
  await markCartSessionsPendingWorkflow(container).run({
    input: { coupon_ids: [event.data.id], codes: coupon ? [coupon.code] : [] },
  })
}

export const config: SubscriberConfig = {
  event: ["coupon.created", "coupon.updated", "coupon.deleted"],
  context: { subscriberId: "checkout-discounts-coupon-changed-reprice-sessions" },
}
