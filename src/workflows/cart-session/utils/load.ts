import { MedusaContainer } from "@medusajs/framework/types"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../../modules/cart-session"
import type { CartSessionDiscountDTO, CartSessionDTO, CartSessionLineItemDTO } from "../../../modules/cart-session"
import { cartSessionNotFound } from "./session-rules"

export type CartSessionWithRelations = CartSessionDTO & {
  items: CartSessionLineItemDTO[]
  discounts: CartSessionDiscountDTO[]
}

export function cartSessionService(container: MedusaContainer) {
  return container.resolve<CartSessionModuleService>(CART_SESSION_MODULE)
}

/** The session with its live lines and discounts, each in the order they were added. */
export async function loadCartSession(container: MedusaContainer, id: string): Promise<CartSessionWithRelations> {
  const [session] = await cartSessionService(container).listCartSessions(
    { id },
    { relations: ["items", "discounts"], take: 1 }
  )
  if (!session) {
    throw cartSessionNotFound(id)
  }
  const byPosition = (left: { position: number }, right: { position: number }) => left.position - right.position
  return {
    ...session,
    items: [...(session.items ?? [])].filter((item) => !item.deleted_at).sort(byPosition),
    discounts: [...(session.discounts ?? [])].filter((discount) => !discount.deleted_at).sort(byPosition),
  } as CartSessionWithRelations
}

/** One past the highest position among `rows`: a new row goes after every live one. */
export function nextPosition(rows: { position: number }[]): number {
  return rows.reduce((highest, row) => Math.max(highest, row.position), 0) + 1
}
