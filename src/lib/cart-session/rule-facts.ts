import { idsByEntity, ruleReferences, type HostEntity, type RuleRegistry } from "../coupon-rules"
import type { CouponPricingTerms } from "../../modules/coupon"
import { hasCouponRules } from "./pricing-input"

/** What a session's coupons' rules need read from the host, so a change reads nothing else. */
export type RuleFactsNeeded = {
  customer_groups: boolean
  /** The lines' products: collection, type, categories, tags. */
  products: boolean
  custom_shopper: string[]
  custom_line: string[]
  /** Ids whose names the codes' messages show ("for Wholesale customers only"). */
  names: Partial<Record<HostEntity, string[]>>
}

/** Line attributes answered from the line itself, without reading its product. */
const LINE_OWN = new Set(["items.product.id", "items.variant_id"])

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
    products: attributes.some((attribute) => attribute.kind === "line" && !LINE_OWN.has(attribute.name) && !attribute.name.startsWith("custom.")),
    custom_shopper: custom("shopper"),
    custom_line: custom("line"),
    names: idsByEntity(codes.filter(hasCouponRules).flatMap((coupon) => ruleReferences(coupon, registry))),
  }
}
