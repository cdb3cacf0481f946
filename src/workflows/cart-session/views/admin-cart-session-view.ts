import { fromMinorUnits } from "../../../lib/pricing"
import type { CartSessionState } from "../../../modules/cart-session"
import { buildCartSessionView, type CartSessionView } from "./cart-session-view"

/** The admin user who set a manual discount, as the admin shows them. */
export type ManualDiscountAuthor = { id: string; email: string; first_name: string | null; last_name: string | null }

/**
 * What staff asked for and why, beside what it came to (status, amount
 * applied, message: the session view's discount of the same `discount_id`).
 * Amounts in the currency's major unit.
 */
export function manualDiscountsOf(state: CartSessionState, view: CartSessionView) {
  const priced = new Map(view.discounts.map((discount) => [discount.id, discount]))
  return state.discounts.flatMap((discount) => {
    const manual = discount.manual
    if (!manual) {
      return []
    }
    const result = priced.get(discount.id)!
    return [
      {
        id: manual.id,
        discount_id: discount.id,
        scope: manual.scope,
        line_item_id: manual.line_item_id,
        amount: fromMinorUnits(manual.amount, state.currency_code),
        name: manual.name,
        reason: manual.reason,
        created_by: manual.created_by,
        /** Filled by the admin routes from the user module; null when the user is gone. */
        created_by_user: null as ManualDiscountAuthor | null,
        created_at: manual.created_at,
        status: result.status,
        amount_total: result.amount_total,
        message: result.message,
      },
    ]
  })
}

/**
 * The session as the admin routes answer it: the very view the store API
 * gives (one read model), plus its manual discounts with who set them and why.
 */
export function buildAdminCartSessionView(state: CartSessionState, view: CartSessionView = buildCartSessionView(state)) {
  return {
    ...view,
    /** Each bag's merchant by name: filled by the admin routes (the merchant directory, or `merchantLink`'s entity). */
    bags: view.bags.map((bag) => ({ ...bag, merchant_name: null as string | null })),
    manual_discounts: manualDiscountsOf(state, view),
  }
}

export type AdminCartSessionView = ReturnType<typeof buildAdminCartSessionView>
