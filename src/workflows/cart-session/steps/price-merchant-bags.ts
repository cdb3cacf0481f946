import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { priceSession } from "../../../lib/pricing"
import type { PriceSessionInput } from "../../../lib/pricing"

/**
 * Prices every merchant's bag with the pricing core. Store-wide codes span
 * bags, so the core prices the whole session at once and returns the
 * per-bag results (subtotal, discounts, total per merchant) from this one
 * call: merchant codes on their own bag first, then store-wide codes over
 * what remains, shared by value. Pure: nothing is written.
 */
export const priceMerchantBagsStep = createStep(
  "price-merchant-bags",
  async (input: PriceSessionInput) => new StepResponse(priceSession(input))
)
