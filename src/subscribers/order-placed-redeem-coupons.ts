import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { limitedSubscriber } from "../lib/subscriber-limit"
import { redeemOrderCouponSeatsWorkflow } from "../workflows/checkout"

/**
 * An order was placed: the coupon seats its cart took at convert become the
 * order's redemptions. Delivered twice, it changes nothing the second time.
 */
export default limitedSubscriber(async function orderPlacedRedeemCouponsHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  await redeemOrderCouponSeatsWorkflow(container).run({ input: { order_id: event.data.id } })
})

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "checkout-discounts-order-placed-redeem-coupons" },
}
