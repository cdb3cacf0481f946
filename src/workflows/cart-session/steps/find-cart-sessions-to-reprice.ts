import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { chunked } from "../../../lib/concurrency"
import { escapeLikePattern } from "../../../lib/like-pattern"
import { cartSessionService } from "../helpers/service"

/** Codes per query: each one is a pattern of its own. */
const CODES_PER_QUERY = 500

/** Sessions to re-price: by id, or those carrying one of the codes, coupons, variants or products. */
export type CartSessionRepriceFilters = {
  cart_session_ids?: string[]
  /** Compared ignoring case. */
  codes?: string[]
  /** Codes priced against these coupons (a renamed coupon keeps its id). */
  coupon_ids?: string[]
  variant_ids?: string[]
  product_ids?: string[]
}

/**
 * The open, unexpired sessions matching any of the filters (no filter
 * matches nothing). Read without locks: the marking step re-reads under them.
 */
export const findCartSessionsToRepriceStep = createStep(
  "find-cart-sessions-to-reprice",
  async (filters: CartSessionRepriceFilters, { container }) => {
    const sessions = cartSessionService(container)
    const candidates = new Set<string>(filters.cart_session_ids ?? [])
    const addSessionsOf = (rows: { cart_session_id: string }[]) =>
      rows.forEach((row) => candidates.add(row.cart_session_id))

    for (const codes of chunked(filters.codes ?? [], CODES_PER_QUERY)) {
      const patterns = codes.map((code) => ({ code: { $ilike: escapeLikePattern(code) } }))
      addSessionsOf(
        await sessions.listCartSessionDiscounts({ $or: patterns } as any, { select: ["cart_session_id"] })
      )
    }
    if (filters.coupon_ids?.length) {
      addSessionsOf(
        await sessions.listCartSessionDiscounts({ coupon_id: filters.coupon_ids }, { select: ["cart_session_id"] })
      )
    }
    if (filters.variant_ids?.length) {
      addSessionsOf(
        await sessions.listCartSessionLineItems({ variant_id: filters.variant_ids }, { select: ["cart_session_id"] })
      )
    }
    if (filters.product_ids?.length) {
      addSessionsOf(
        await sessions.listCartSessionLineItems({ product_id: filters.product_ids }, { select: ["cart_session_id"] })
      )
    }
    if (!candidates.size) {
      return new StepResponse([] as string[])
    }
    const open = await sessions.listCartSessions(
      { id: [...candidates], status: "open", expires_at: { $gt: new Date() } },
      { select: ["id"] }
    )
    return new StepResponse(open.map((session) => session.id).sort())
  }
)
