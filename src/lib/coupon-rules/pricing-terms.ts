import { fromMinorUnits, type PricingCodeInput, type PricingLineInput } from "../pricing"
import { matchingLineIds, shopperRuleFailure, type ShopperRuleFailure } from "./evaluate"
import type { RuleRegistry } from "./registry"
import type { CouponRulesInput, LineFacts, ShopperFacts } from "./types"
import { describeLineRules, describeShopperRule, type RuleWordsOptions } from "./words"

export type CouponRuleContext = RuleWordsOptions & {
  registry: RuleRegistry
  /** With `item_total` of the coupon's scope (`scopeItemTotal`). */
  shopper: ShopperFacts
  /** Every line of the session. */
  lines: readonly LineFacts[]
}

/** What a coupon's rules add to its pricing core input: spread into its `PricingCodeInput`. */
export type CouponRuleTerms = Pick<
  PricingCodeInput,
  "eligibility" | "target_line_ids" | "target_description" | "allocation" | "max_quantity" | "buy_get"
>

/**
 * A coupon's rules decided for a session: NOT_ELIGIBLE with the failing rule in words when a shopper
 * rule fails; otherwise the lines its target rules and buy rules match, with their words, and its
 * allocation. The pricing core then keeps to its scope, and says NOT_APPLICABLE when nothing matches.
 * A coupon on shipping (`target_type: "shipping_methods"`) gets its shopper verdict only.
 */
export function couponRuleTerms(code: string, coupon: CouponRulesInput, context: CouponRuleContext): CouponRuleTerms {
  const { registry, shopper, lines } = context
  const failure = shopperRuleFailure(coupon.rules ?? [], shopper, registry)
  if (failure) return { eligibility: { status: "NOT_ELIGIBLE", message: notEligibleMessage(code, failure, context) } }
  if (coupon.target_type === "shipping_methods") return {}

  const terms: CouponRuleTerms = {}
  const targetRules = coupon.target_rules ?? []
  if (targetRules.length) {
    terms.target_line_ids = matchingLineIds(targetRules, lines, registry)
    terms.target_description = describeLineRules(targetRules, registry, context)
  }
  if (coupon.type === "buyget") {
    const buyRules = coupon.buy_rules ?? []
    terms.max_quantity = coupon.max_quantity ?? null
    terms.buy_get = {
      buy_line_ids: matchingLineIds(buyRules, lines, registry),
      buy_min_quantity: coupon.buy_rules_min_quantity as number,
      apply_to_quantity: coupon.apply_to_quantity as number,
      description: describeLineRules(buyRules, registry, context),
    }
  } else if (coupon.allocation === "each" || coupon.allocation === "once") {
    terms.allocation = coupon.allocation
    terms.max_quantity = coupon.max_quantity ?? null
  }
  return terms
}

/**
 * Whether the coupon is for named customers only (a `customer.id` rule) and this shopper, signed in or
 * not, is none of them. To them it answers exactly as a code that does not exist (docs/statuses.md), so
 * a code cannot be probed for being someone else's, and its rule never names another customer.
 */
export function couponIsSomeoneElses(
  coupon: Pick<CouponRulesInput, "rules">,
  shopper: Omit<ShopperFacts, "item_total">,
  registry: RuleRegistry
): boolean {
  const customerRules = (coupon.rules ?? []).filter((rule) => rule.attribute === "customer.id")
  // A customer rule reads the customer only: the scope's total is not needed to decide it.
  return customerRules.length > 0 && shopperRuleFailure(customerRules, { ...shopper, item_total: null }, registry) !== null
}

/** "Code X is only for customers whose customer group is Wholesale", and why when the session cannot tell. */
export function notEligibleMessage(code: string, failure: ShopperRuleFailure, options: CouponRuleContext): string {
  if (failure.reason === "unknown") {
    return `Code ${code} has a rule on ${failure.rule.attribute}, which this store no longer knows`
  }
  const sentence = `Code ${code} is only for ${describeShopperRule(failure.rule, options.registry, options)}`
  if (failure.reason === "anonymous") return `${sentence}: sign in to use it`
  if (failure.reason === "missing") return `${sentence} (the cart has no ${failure.attribute!.label} yet)`
  return sentence
}

/**
 * The `item_total` of a coupon's scope, in major units: the subtotal before discounts of its merchant's
 * lines, or of every line when store-wide.
 */
export function scopeItemTotal(
  lines: readonly Pick<PricingLineInput, "merchant_id" | "unit_price" | "quantity">[],
  merchantId: string | null,
  currency: string
): number {
  const minor = lines
    .filter((line) => merchantId === null || line.merchant_id === merchantId)
    .reduce((sum, line) => sum + line.unit_price * line.quantity, 0)
  return fromMinorUnits(minor, currency)
}
