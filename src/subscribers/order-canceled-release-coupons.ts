import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { limitedSubscriber } from "../lib/subscriber-limit"
import { releaseOrderCouponSeatsWorkflow } from "../workflows/checkout"

/** An order was cancelled: its coupon seats go back, once, however often the event comes. */
export default limitedSubscriber(async function orderCanceledReleaseCouponsHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  await releaseOrderCouponSeatsWorkflow(container).run({ input: { order_id: event.data.id } })
})

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "checkout-discounts-order-canceled-release-coupons" },
}
