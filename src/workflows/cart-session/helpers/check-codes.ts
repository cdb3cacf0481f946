import type { MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import { ruleFactsNeeded, storedCodesOf, type SessionCouponVerdicts, type StoredCode } from "../../../lib/cart-session"
import type { CartSessionState } from "../../../modules/cart-session"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import { readSessionRuleFacts } from "../host/rule-facts"

/**
 * What the coupon module says now of every code of the session (and the
 * preview), by discount id, and of every live automatic coupon (one query
 * for all of them); then, only when a coupon in play has rules, the facts its
 * rules read (docs/coupon-rules.md): nothing else is read.
 */
export async function checkCodesOf(
  container: MedusaContainer,
  session: CartSessionState,
  preview: StoredCode | null = null
): Promise<SessionCouponVerdicts> {
  const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
  const rows = storedCodesOf(session, preview)
  const answer = await coupons.checkSessionCoupons({
    codes: rows.map((row) => ({ code: row.code, merchant_id: row.merchant_id })),
    customer_id: session.customer_id,
    email: session.email,
  })
  // An automatic coupon keeps its row's id while it applies, so a re-pricing that changes nothing writes nothing.
  const rowOfCoupon = new Map(
    session.discounts.filter((discount) => discount.type === "AUTOMATIC").map((discount) => [discount.coupon_id, discount.id])
  )
  const automatic = answer.automatic
    .filter((eligibility) => eligibility.eligible)
    .map((eligibility) => ({ id: rowOfCoupon.get(eligibility.coupon!.id) ?? generateEntityId(undefined, "csdisc"), eligibility }))
  const needed = ruleFactsNeeded(
    answer.codes.flatMap((eligibility) => (eligibility.eligible ? [eligibility.coupon!] : [])),
    automatic.map(({ eligibility }) => eligibility.coupon!),
    coupons.getRuleRegistry()
  )
  return {
    eligibilities: Object.fromEntries(rows.map((row, index) => [row.id, answer.codes[index]])),
    automatic,
    rule_facts: needed ? await readSessionRuleFacts(container, session, needed, coupons.getStoreRuleAttributes()) : null,
  }
}

/** The rule attributes of the store, for pricing a session. */
export function storeRuleRegistry(container: MedusaContainer) {
  return container.resolve<CouponModuleService>(COUPON_MODULE).getRuleRegistry()
}
