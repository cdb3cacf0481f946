import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService, loadCartSession } from "../utils/load"

export type PruneOrphanAddOnsStepInput = { cart_session_id: string }

/**
 * Removes the add-on lines of merchants that have no other line left (an
 * add-on goes with its merchant's items). Compensation restores them.
 */
export const pruneOrphanAddOnsStep = createStep(
  "prune-cart-session-orphan-add-ons",
  async (input: PruneOrphanAddOnsStepInput, { container }) => {
    const session = await loadCartSession(container, input.cart_session_id)
    const merchantsWithItems = new Set(session.items.filter((line) => !line.is_add_on).map((line) => line.merchant_id))
    const orphans = session.items
      .filter((line) => line.is_add_on && !merchantsWithItems.has(line.merchant_id))
      .map((line) => line.id)
    if (orphans.length) {
      await cartSessionService(container).softDeleteCartSessionLineItems(orphans)
    }
    return new StepResponse({ changed: orphans.length > 0 }, orphans)
  },
  async (orphans, { container }) => {
    if (!orphans?.length) {
      return
    }
    await cartSessionService(container).restoreCartSessionLineItems(orphans)
  }
)
