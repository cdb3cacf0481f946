import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { limitedSubscriber } from "../lib/subscriber-limit"
import { syncProductMerchantsWorkflow } from "../workflows/merchant"

/** A product created or edited may name a merchant the plugin has not seen. */
export default limitedSubscriber(async function productMerchantSyncHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  await syncProductMerchantsWorkflow(container).run({
    input: { product_ids: [event.data.id] },
  })
})

export const config: SubscriberConfig = {
  event: ["product.created", "product.updated"],
  context: { subscriberId: "checkout-discounts-product-merchant-sync" },
}
