import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { HostCartLine } from "../../../lib/cart-session/host-cart"

export type HostCartState = {
  id: string
  completed_at: string | null
  /** The order placed from the cart, when there is one. */
  order_id: string | null
  items: HostCartLine[]
}

const FIELDS = [
  "id",
  "completed_at",
  "order.id",
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

/** A host cart's lines with their adjustments, whether it was completed, and its order; null when it is gone. */
export async function loadHostCartState(container: MedusaContainer, cartId: string): Promise<HostCartState | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: FIELDS, filters: { id: cartId } })
  const cart = data[0] as any
  if (!cart) {
    return null
  }
  return {
    id: cart.id,
    completed_at: cart.completed_at ?? null,
    order_id: cart.order?.id ?? null,
    items: (cart.items ?? []).filter(Boolean),
  }
}
