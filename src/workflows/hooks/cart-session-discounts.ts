import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow, refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE, CouponModuleService } from "../../modules/coupon"
import { claimSeatsOfCompletingCart, dropDiscountsOfChangedCart } from "../checkout/cart-discounts"

// The host hooks the plugin takes (one handler per hook and workflow: a store
// that already handles one of these must merge its handler with ours).

// setPricingContext runs first in every cart refresh, before the host reads
// the cart back for its payment collection: dropping discounts here keeps the
// payment amount right. The plugin adds no pricing context of its own.
refreshCartItemsWorkflow.hooks.setPricingContext(async ({ cart_id }, { container }) => {
  await dropDiscountsOfChangedCart(container, cart_id)
  return new StepResponse({})
})

completeCartWorkflow.hooks.validate(
  async ({ cart }, { container }) => {
    const claimed = await claimSeatsOfCompletingCart(container, cart as Parameters<typeof claimSeatsOfCompletingCart>[1])
    return new StepResponse(undefined, claimed)
  },
  async (claimed, { container }) => {
    if (claimed?.length) {
      await container.resolve<CouponModuleService>(COUPON_MODULE).unclaimSeats(claimed)
    }
  }
)
