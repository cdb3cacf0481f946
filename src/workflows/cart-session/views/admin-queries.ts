import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { CartSessionListFilters, CartSessionListPage } from "../../../modules/cart-session"
import { fetchOfferedAddOns } from "../host/offered-add-ons"
import { AdminCartSessionView, buildAdminCartSessionView, ManualDiscountAuthor } from "./admin-cart-session-view"
import { buildCartSessionView, CartSessionView } from "./cart-session-view"
import { cartSessionService } from "../helpers/service"
import { assertCartSessionVisible } from "../../../lib/cart-session/session-rules"
import { readMerchantNames } from "../../merchant/helpers/merchant-directory"

/**
 * A session as the admin sees it, read in one statement: the store's view
 * (one read model) plus its manual discounts with who set them and why.
 */
export async function retrieveAdminCartSessionView(container: MedusaContainer, id: string): Promise<AdminCartSessionView> {
  const session = await cartSessionService(container).loadSessionState(id)
  assertCartSessionVisible(session, id)
  const view = buildCartSessionView(session!, await fetchOfferedAddOns(container, session!))
  return await withAdminNames(container, buildAdminCartSessionView(session!, view))
}

/** What the admin shows by name, not id: who set each manual discount, and each bag's merchant. */
export async function withAdminNames(container: MedusaContainer, view: AdminCartSessionView): Promise<AdminCartSessionView> {
  const [authored, names] = await Promise.all([
    withManualDiscountAuthors(container, view),
    readMerchantNames(container, view.bags.map((bag) => bag.merchant_id)),
  ])
  return { ...authored, bags: authored.bags.map((bag) => ({ ...bag, merchant_name: names.get(bag.merchant_id) ?? null })) }
}

/** Each manual discount's `created_by_user` from the host's user module (null when the user is gone). */
export async function withManualDiscountAuthors(
  container: MedusaContainer,
  view: AdminCartSessionView
): Promise<AdminCartSessionView> {
  const ids = [...new Set(view.manual_discounts.flatMap((discount) => discount.created_by ?? []))]
  if (!ids.length) {
    return view
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "user",
    fields: ["id", "email", "first_name", "last_name"],
    filters: { id: ids },
  })
  const users = new Map<string, ManualDiscountAuthor>(
    data.map((user: ManualDiscountAuthor) => [
      user.id,
      { id: user.id, email: user.email, first_name: user.first_name ?? null, last_name: user.last_name ?? null },
    ])
  )
  return {
    ...view,
    manual_discounts: view.manual_discounts.map((discount) => ({
      ...discount,
      created_by_user: (discount.created_by && users.get(discount.created_by)) || null,
    })),
  }
}

/** A session in the admin's list: who, when, what state, and its totals as the session view gives them. */
export function cartSessionListRow(view: CartSessionView) {
  return {
    id: view.id,
    status: view.status,
    currency_code: view.currency_code,
    customer_id: view.customer_id,
    email: view.email,
    version: view.version,
    priced: view.priced,
    created_at: view.created_at,
    updated_at: view.updated_at,
    expires_at: view.expires_at,
    merchant_count: view.bags.length,
    line_count: view.bags.reduce((count, bag) => count + bag.items.length, 0),
    codes: view.discounts
      .filter((discount) => discount.type === "CODE")
      .map((discount) => ({ code: discount.code, status: discount.status })),
    manual_discount_count: view.discounts.filter((discount) => discount.type === "MANUAL").length,
    subtotal: view.subtotal,
    discount_total: view.discount_total,
    total: view.total,
  }
}

export type CartSessionListRow = ReturnType<typeof cartSessionListRow>

/** A page of sessions for the admin, newest first unless ordered otherwise, and how many match. */
export async function listAdminCartSessions(
  container: MedusaContainer,
  filters: CartSessionListFilters,
  page: CartSessionListPage
): Promise<{ cart_sessions: CartSessionListRow[]; count: number; offset: number; limit: number }> {
  const { sessions, count } = await cartSessionService(container).listSessionStates(filters, page)
  return {
    cart_sessions: sessions.map((session) => cartSessionListRow(buildCartSessionView(session))),
    count,
    offset: page.skip,
    limit: page.take,
  }
}
