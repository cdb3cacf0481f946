import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { unseal, type Sealed } from "../helpers/sealed"
import { buildCartSessionView } from "../views/cart-session-view"
import type { CatalogueVariant } from "../../../lib/cart-session"
import type { ShippingNotice } from "../../../lib/cart-session/shipping"

export type BuildCartSessionViewStepInput = {
  session: Sealed<CartSessionState>
  add_ons: CatalogueVariant[]
  /** Shipping methods the change removed, said in its answer. */
  notices?: ShippingNotice[]
}

export const buildCartSessionViewStepId = "build-cart-session-view"

/**
 * The session as the routes answer it, built before the change is committed:
 * an answer that cannot be built (an amount out of range) refuses the change
 * instead of leaving it committed without a response.
 */
export const buildCartSessionViewStep = createStep(
  buildCartSessionViewStepId,
  async ({ session, add_ons, notices = [] }: BuildCartSessionViewStepInput) =>
    new StepResponse(buildCartSessionView(unseal(session), add_ons, new Date(), notices))
)
