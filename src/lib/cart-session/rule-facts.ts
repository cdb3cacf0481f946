import {
  idsByEntity,
  lineMatches,
  ruleReferences,
  scopeItemTotal,
  shopperRuleFailure,
  type HostEntity,
  type RuleRegistry,
} from "../coupon-rules"
import type { CartSessionState } from "../../modules/cart-session"
import type { CouponEligibility, CouponPricingTerms } from "../../modules/coupon"
import { currencyMismatch, hasCouponRules, type SessionRuleFacts } from "./pricing-input"

/** What a session's coupons' rules need read from the host, so a change reads nothing else. */
export type RuleFactsNeeded = {
  customer_groups: boolean
  /** What of the lines' products: their collection and type (columns), categories, tags (relations). */
  products: { columns: boolean; categories: boolean; tags: boolean }
  custom_shopper: string[]
  custom_line: string[]
  /** Ids whose names the codes' messages show ("for Wholesale customers only"). */
  names: Partial<Record<HostEntity, string[]>>
}


/**
 * What the rules of the coupons in play use (null when none has rules): `codes` are the shopper's, whose
 * messages name the ids of their rules; `automatic` are applied without a word when they hold.
 */
export function ruleFactsNeeded(
  codes: readonly CouponPricingTerms[],
  automatic: readonly CouponPricingTerms[],
  registry: RuleRegistry
): RuleFactsNeeded | null {
  const withRules = [...codes, ...automatic].filter(hasCouponRules)
  if (!withRules.length) {
    return null
  }
  const used = new Set(
    withRules.flatMap((coupon) => [...(coupon.rules ?? []), ...(coupon.target_rules ?? []), ...(coupon.buy_rules ?? [])]).map((rule) => rule.attribute)
  )
  const attributes = [...used].flatMap((name) => registry.get(name) ?? [])
  const custom = (kind: "shopper" | "line") =>
    attributes.filter((attribute) => attribute.kind === kind && attribute.name.startsWith("custom.")).map((attribute) => attribute.name)
  return {
    customer_groups: used.has("customer.groups.id"),
    products: {
      columns: used.has("items.product.collection_id") || used.has("items.product.type_id"),
      categories: used.has("items.product.categories.id"),
      tags: used.has("items.product.tags.id"),
    },
    custom_shopper: custom("shopper"),
    custom_line: custom("line"),
    names: idsByEntity(codes.filter(hasCouponRules).flatMap((coupon) => ruleReferences(coupon, registry))),
  }
}

/**
 * The automatic coupons that may apply to the session: one whose amounts are in another currency, with
 * no line of its merchant, a shopper rule that fails, or none of its target or bought lines in its scope
 * cannot, and is left out before it travels between steps, so a store's many automatic coupons cost a
 * change little. Decided on the rules alone, without their words; the pricing core decides the rest.
 */
export function automaticThatMayApply(
  session: Pick<CartSessionState, "items" | "currency_code">,
  automatic: CouponEligibility[],
  ruleFacts: SessionRuleFacts | null,
  registry: RuleRegistry
): CouponEligibility[] {
  const currency = session.currency_code
  // Each scope (store-wide, or a merchant's bag) worked out once, whatever the number of coupons.
  const scopes = new Map<string | null, { lines: number; item_total: number; facts: SessionRuleFacts["lines"] }>()
  const scopeOf = (merchantId: string | null) => {
    let scope = scopes.get(merchantId)
    if (!scope) {
      const lines = session.items.filter((line) => !merchantId || line.merchant_id === merchantId)
      const ids = new Set(lines.map((line) => line.id))
      scope = {
        lines: lines.length,
        item_total: scopeItemTotal(session.items, merchantId, currency),
        facts: ruleFacts?.lines.filter((line) => ids.has(line.id)) ?? [],
      }
      scopes.set(merchantId, scope)
    }
    return scope
  }
  return automatic.filter(({ coupon }) => {
    const scope = scopeOf(coupon!.merchant_id)
    const moneyRule = !!coupon!.rules?.some((rule) => registry.get(rule.attribute)?.money)
    if (!scope.lines || currencyMismatch(coupon!, currency, moneyRule)) {
      return false
    }
    if (!hasCouponRules(coupon!)) {
      return true
    }
    if (!ruleFacts) {
      throw new Error(`Coupon ${coupon!.id} has rules, and the session's rule facts were not read`)
    }
    if (shopperRuleFailure(coupon!.rules ?? [], { ...ruleFacts.shopper, item_total: scope.item_total }, registry)) {
      return false
    }
    const matches = (rules: CouponPricingTerms["target_rules"]) => !rules?.length || scope.facts.some((line) => lineMatches(rules, line, registry))
    return matches(coupon!.target_rules) && (coupon!.type !== "buyget" || matches(coupon!.buy_rules))
  })
}
