import type { RuleRegistry } from "./registry"
import type { CouponRulesInput } from "./types"
import { describeLineRules, describeShopperRule, type RuleWordsOptions } from "./words"

/**
 * A coupon's §7 fields in sentences, for its page in the admin: who may use it, what it discounts,
 * how many units, and whether it needs a code. A coupon without them reads as no sentence.
 */
export function describeCouponRules(
  coupon: CouponRulesInput,
  registry: RuleRegistry,
  options: RuleWordsOptions = {}
): string[] {
  const sentences: string[] = []
  for (const rule of coupon.rules ?? []) sentences.push(`Only for ${describeShopperRule(rule, registry, options)}.`)
  const targets = describeLineRules(coupon.target_rules ?? [], registry, options)
  if (coupon.target_type === "shipping_methods") {
    sentences.push("Discounts shipping.")
  } else if (coupon.type === "buyget") {
    const buys = describeLineRules(coupon.buy_rules ?? [], registry, options)
    sentences.push(
      `For every ${coupon.buy_rules_min_quantity} of the ${buys} bought, discounts ${coupon.apply_to_quantity} of the ${targets}, ` +
        `at most ${coupon.max_quantity} in all; the cheapest first, and never an item counted as bought.`
    )
  } else {
    if (coupon.target_rules?.length) sentences.push(`Discounts ${targets}.`)
    if (coupon.allocation === "each") sentences.push(`On at most ${coupon.max_quantity} of each item.`)
    if (coupon.allocation === "once") sentences.push(`On at most ${coupon.max_quantity} items in all, the cheapest first.`)
  }
  if (coupon.is_automatic) sentences.push("Applies without a code to every cart that meets its rules.")
  return sentences
}
