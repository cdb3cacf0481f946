import type { MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import {
  automaticThatMayApply,
  ruleFactsNeeded,
  storedCodesOf,
  type SessionCouponVerdicts,
  type StoredCode,
} from "../../../lib/cart-session"
import type { CartSessionState } from "../../../modules/cart-session"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import { type KnownHostFacts, readSessionRuleFacts } from "../host/rule-facts"

/**
 * What the coupon module says now of every code of the session (and the
 * preview), by discount id, and of every live automatic coupon (one query
 * for all of them); then, only when a coupon in play has rules, the facts its
 * rules read (docs/coupon-rules.md) that the change's catalogue (`known`)
 * does not already hold: nothing else is read.
 */
export async function checkCodesOf(
  container: MedusaContainer,
  session: CartSessionState,
  preview: StoredCode | null = null,
  known: KnownHostFacts | null = null
): Promise<SessionCouponVerdicts> {
  const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
  const rows = storedCodesOf(session, preview)
  const answer = await coupons.checkSessionCoupons({
    codes: rows.map((row) => ({ code: row.code, merchant_id: row.merchant_id })),
    customer_id: session.customer_id,
    email: session.email,
    cart_session_id: session.id,
    automatic_for: { merchant_ids: [...new Set(session.items.map((line) => line.merchant_id))], currency_code: session.currency_code },
  })
  // An automatic coupon keeps its row's id while it applies, so a re-pricing that changes nothing writes nothing.
  const rowOfCoupon = new Map(
    session.discounts.filter((discount) => discount.type === "AUTOMATIC").map((discount) => [discount.coupon_id, discount.id])
  )
  const usable = answer.automatic.filter((eligibility) => eligibility.eligible)
  const registry = coupons.getRuleRegistry()
  const needed = ruleFactsNeeded(
    answer.codes.flatMap((eligibility) => (eligibility.eligible ? [eligibility.coupon!] : [])),
    usable.map((eligibility) => eligibility.coupon!),
    registry
  )
  const ruleFacts = needed ? await readSessionRuleFacts(container, session, needed, coupons.getStoreRuleAttributes(), known) : null
  return {
    eligibilities: Object.fromEntries(rows.map((row, index) => [row.id, answer.codes[index]])),
    automatic: automaticThatMayApply(session, usable, ruleFacts, registry).map((eligibility) => ({
      id: rowOfCoupon.get(eligibility.coupon!.id) ?? generateEntityId(undefined, "csdisc"),
      eligibility,
    })),
    rule_facts: ruleFacts,
  }
}

/** The rule attributes of the store, for pricing a session. */
export function storeRuleRegistry(container: MedusaContainer) {
  return container.resolve<CouponModuleService>(COUPON_MODULE).getRuleRegistry()
}
