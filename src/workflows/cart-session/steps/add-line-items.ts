import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService, loadCartSession, nextPosition } from "../utils/load"
import { assertLineQuantity } from "../utils/session-rules"
import type { ResolvedItem } from "./resolve-sellable-variants"

export type AddLineItemsStepInput = {
  cart_session_id: string
  items: (ResolvedItem & { is_add_on?: boolean })[]
}

type Compensation = { created: string[]; previousQuantities: { id: string; quantity: number }[] }

/**
 * Adds lines to a session. A variant that already has a regular line adds to
 * its quantity (still within the quantity limit); an add-on already selected
 * stays as it is (quantity 1). Compensation deletes the new lines and puts
 * the previous quantities back.
 */
export const addLineItemsStep = createStep(
  "add-cart-session-line-items",
  async (input: AddLineItemsStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const { maxLineQuantity } = sessions.getOptions()
    const session = await loadCartSession(container, input.cart_session_id)
    const quantities = new Map<string, number>()
    const toCreate: (ResolvedItem & { is_add_on: boolean })[] = []

    for (const item of input.items) {
      const isAddOn = item.is_add_on === true
      const existing = session.items.find((line) => line.variant_id === item.variant_id && line.is_add_on === isAddOn)
      const planned = toCreate.find((line) => line.variant_id === item.variant_id && line.is_add_on === isAddOn)
      if (isAddOn) {
        if (!existing && !planned) toCreate.push({ ...item, quantity: 1, is_add_on: true })
      } else if (existing) {
        const quantity = (quantities.get(existing.id) ?? existing.quantity) + item.quantity
        assertLineQuantity(quantity, maxLineQuantity)
        quantities.set(existing.id, quantity)
      } else if (planned) {
        planned.quantity += item.quantity
        assertLineQuantity(planned.quantity, maxLineQuantity)
      } else {
        toCreate.push({ ...item, is_add_on: false })
      }
    }

    const previousQuantities = session.items
      .filter((line) => quantities.has(line.id))
      .map((line) => ({ id: line.id, quantity: line.quantity }))
    if (quantities.size) {
      await sessions.updateCartSessionLineItems([...quantities].map(([id, quantity]) => ({ id, quantity })))
    }
    const firstPosition = nextPosition(session.items)
    const created = toCreate.length
      ? await sessions.createCartSessionLineItems(
          toCreate.map((item, index) => ({
            cart_session_id: session.id,
            position: firstPosition + index,
            merchant_id: item.merchant_id,
            variant_id: item.variant_id,
            product_id: item.product_id,
            title: item.title,
            variant_title: item.variant_title,
            quantity: item.quantity,
            unit_price: item.unit_price,
            is_add_on: item.is_add_on,
          }))
        )
      : []
    const compensation: Compensation = { created: created.map((line) => line.id), previousQuantities }
    return new StepResponse({ changed: created.length > 0 || quantities.size > 0 }, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const sessions = cartSessionService(container)
    if (compensation.created.length) {
      await sessions.deleteCartSessionLineItems(compensation.created)
    }
    if (compensation.previousQuantities.length) {
      await sessions.updateCartSessionLineItems(compensation.previousQuantities)
    }
  }
)
