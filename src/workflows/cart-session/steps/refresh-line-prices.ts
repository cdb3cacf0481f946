import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fetchSellableVariants } from "../utils/host-catalogue"
import { cartSessionService, loadCartSession } from "../utils/load"

export type RefreshLinePricesStepInput = { cart_session_id: string }

type LineSnapshot = { id: string; unit_price: number; title: string; variant_title: string | null }

/**
 * Takes the host's current price and titles for every line (prices change in
 * the catalogue while a session waits). A line whose variant the host no
 * longer sells or prices keeps its last price; converting the session into a
 * host cart checks availability again. Compensation restores the old values.
 */
export const refreshLinePricesStep = createStep(
  "refresh-cart-session-line-prices",
  async (input: RefreshLinePricesStepInput, { container }) => {
    const session = await loadCartSession(container, input.cart_session_id)
    const sellable = await fetchSellableVariants(
      container,
      session.items.map((line) => line.variant_id),
      session
    )
    const previous: LineSnapshot[] = []
    const updates: LineSnapshot[] = []
    for (const line of session.items) {
      const variant = sellable.get(line.variant_id)
      if (!variant || variant.unit_price === null) {
        continue
      }
      const current = snapshot(line)
      const next = { id: line.id, unit_price: variant.unit_price, title: variant.title, variant_title: variant.variant_title }
      if (JSON.stringify(current) !== JSON.stringify(next)) {
        previous.push(current)
        updates.push(next)
      }
    }
    if (updates.length) {
      await cartSessionService(container).updateCartSessionLineItems(updates)
    }
    return new StepResponse({ changed: updates.length > 0 }, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    await cartSessionService(container).updateCartSessionLineItems(previous)
  }
)

function snapshot(line: LineSnapshot): LineSnapshot {
  return { id: line.id, unit_price: Number(line.unit_price), title: line.title, variant_title: line.variant_title ?? null }
}
