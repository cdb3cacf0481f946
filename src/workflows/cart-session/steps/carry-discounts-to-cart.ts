import type { CreateLineItemAdjustmentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { cartAdjustmentsOf, HostCartLine } from "../utils/host-cart"

export type CarryDiscountsToCartStepInput = { cart_id: string; session: CartSessionState }

export const carryDiscountsToCartStepId = "carry-cart-session-discounts-to-cart"

/** The fields of a host cart's lines the plugin compares with a session's. */
export const HOST_CART_LINE_FIELDS = [
  "items.id",
  "items.variant_id",
  "items.quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.metadata",
  "items.adjustments.id",
  "items.adjustments.provider_id",
  "items.adjustments.amount",
]

/**
 * Puts the session's discounts on the host cart made from it, as the
 * plugin's code-less line adjustments (see CART_ADJUSTMENT_PROVIDER), after
 * checking that the host priced every line as the session did
 * (CART_SESSION_PRICES_CHANGED otherwise). Compensation removes them.
 */
export const carryDiscountsToCartStep = createStep(
  carryDiscountsToCartStepId,
  async ({ cart_id, session }: CarryDiscountsToCartStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "cart", fields: HOST_CART_LINE_FIELDS, filters: { id: cart_id } })
    const adjustments = cartAdjustmentsOf(session, (data[0]?.items ?? []) as HostCartLine[])
    // The host's type asks for a code; its model takes none, which is what keeps the adjustment through refreshes.
    const created = adjustments.length
      ? await container.resolve(Modules.CART).addLineItemAdjustments(adjustments as unknown as CreateLineItemAdjustmentDTO[])
      : []
    const ids = created.map((adjustment) => adjustment.id)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve(Modules.CART).softDeleteLineItemAdjustments(ids)
    }
  }
)
