import type { MedusaContainer } from "@medusajs/framework/types"
import { storedCodesOf, type StoredCode } from "../../../lib/cart-session"
import type { CartSessionState } from "../../../modules/cart-session"
import { COUPON_MODULE, CouponEligibility, CouponModuleService } from "../../../modules/coupon"

/** What the coupon module says now of every code of the session (and the preview), by discount id: one query. */
export async function checkCodesOf(
  container: MedusaContainer,
  session: CartSessionState,
  preview: StoredCode | null = null
): Promise<Record<string, CouponEligibility>> {
  const rows = storedCodesOf(session, preview)
  const answers = rows.length
    ? await container.resolve<CouponModuleService>(COUPON_MODULE).checkEligibility({
        codes: rows.map((row) => ({ code: row.code, merchant_id: row.merchant_id })),
        customer_id: session.customer_id,
        email: session.email,
      })
    : []
  return Object.fromEntries(rows.map((row, index) => [row.id, answers[index]]))
}
