import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../utils/load"

export type RemoveLineItemsStepInput = { line_item_ids: string[] }

/** Removes lines (soft delete); compensation restores them. */
export const removeLineItemsStep = createStep(
  "remove-cart-session-line-items",
  async (input: RemoveLineItemsStepInput, { container }) => {
    if (!input.line_item_ids.length) {
      return new StepResponse({ changed: false }, [] as string[])
    }
    await cartSessionService(container).softDeleteCartSessionLineItems(input.line_item_ids)
    return new StepResponse({ changed: true }, input.line_item_ids)
  },
  async (removedIds, { container }) => {
    if (!removedIds?.length) {
      return
    }
    await cartSessionService(container).restoreCartSessionLineItems(removedIds)
  }
)
