import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { limitedSubscriber } from "../lib/subscriber-limit"
import { markCartSessionsPendingWorkflow } from "../workflows/cart-session"

const VARIANT_EVENTS = ["product-variant.updated", "product-variant.deleted"]

/**
 * A product or variant edited in the host (its prices included: the admin's
 * variant update emits product-variant.updated) or deleted: the open sessions
 * holding it are priced again before they can be converted.
 */
export default limitedSubscriber(async function catalogueChangedRepriceSessionsHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const input = VARIANT_EVENTS.includes(event.name)
    ? { variant_ids: [event.data.id] }
    : { product_ids: [event.data.id] }
  await markCartSessionsPendingWorkflow(container).run({ input })
})

export const config: SubscriberConfig = {
  event: [...VARIANT_EVENTS, "product.updated", "product.deleted"],
  context: { subscriberId: "checkout-discounts-catalogue-changed-reprice-sessions" },
}
