import { fromMinorUnits, toMinorUnits } from "../pricing"
import type {
  PriceSessionInput,
  PricingCodeInput,
  PricingLineInput,
  PricingManualInput,
  PricingShippingMethodInput,
} from "../pricing"
import { couponIsSomeoneElses, couponRuleTerms, scopeItemTotal, type CouponRuleTerms, type LineFacts, type RuleRegistry, type ShopperFacts } from "../coupon-rules"
import type { CouponEligibility, CouponPricingTerms } from "../../modules/coupon"
import { unknownCodeMessage } from "../../modules/coupon/utils/eligibility"

export type StoredLine = {
  id: string
  merchant_id: string
  unit_price: number
  quantity: number
  is_add_on: boolean
  tax_rates?: number[] | null
  is_tax_inclusive?: boolean
}

/** A code to price, with the merchant the shopper gave with it (null = none). */
export type StoredCode = { id: string; code: string; merchant_id: string | null }

/** What a code row will record of its coupon once priced (`value` in minor units when fixed). */
export type CodeTerms = {
  coupon_id: string | null
  value_type: "percentage" | "fixed" | null
  value: number | null
}

/**
 * What a session's coupon rules are decided on (docs/coupon-rules.md), resolved by the caller once per
 * change: the shopper's facts (`item_total` aside, which is each coupon's scope's), every line's facts, and
 * display names of the ids the codes' rules name. Plain data: it travels between workflow steps.
 */
export type SessionRuleFacts = {
  shopper: Omit<ShopperFacts, "item_total">
  lines: LineFacts[]
  names: Record<string, string>
}

/** The facts and the store's attributes they are read with. */
export type SessionRules = SessionRuleFacts & { registry: RuleRegistry }

/**
 * What items come to after item discounts, in minor units: by merchant, and the session's under `"*"`. A
 * shipping coupon's `item_total` rule counts them (its merchant's bag, or the session), not the subtotal.
 */
export type ItemsAfterDiscounts = Record<string, number>

/** The bags' shipping methods, and what the items came to after item discounts (for shipping coupons' rules). */
export type SessionShippingInput = {
  shipping_methods?: PricingShippingMethodInput[]
  items_after_discounts?: ItemsAfterDiscounts | null
}

/** Whether a coupon discounts shipping and has rules to decide (its `item_total` counts items after discounts). */
export function isShippingCouponWithRules(coupon: CouponPricingTerms | null | undefined): boolean {
  return !!coupon && coupon.target_type === "shipping_methods" && hasCouponRules(coupon)
}

/** What the session's items came to after item discounts, by merchant and in all (`"*"`), from a pricing of it. */
export function itemsAfterDiscountsOf(bags: readonly { merchant_id: string; subtotal: number; discount_total: number }[]): ItemsAfterDiscounts {
  const totals: ItemsAfterDiscounts = { "*": 0 }
  for (const bag of bags) {
    totals[bag.merchant_id] = bag.subtotal - bag.discount_total
    totals["*"] += totals[bag.merchant_id]
  }
  return totals
}

export type SessionPricingInput = {
  input: PriceSessionInput
  /** By discount id. */
  terms: Record<string, CodeTerms>
}

/**
 * The pricing core's input for a session: its lines in the order they were
 * added, its codes in the order they were applied, each with what the
 * coupon module decided about it (`eligibilities` by discount id), and its
 * manual discounts (already in minor units). Coupon amounts are converted to
 * the session's minor units here, once.
 */
export function buildSessionPricingInput(
  currency: string,
  lines: StoredLine[],
  codes: StoredCode[],
  eligibilities: Record<string, CouponEligibility>,
  manual: PricingManualInput[] = [],
  rules: SessionRules | null = null,
  shipping: SessionShippingInput = {}
): SessionPricingInput {
  const { shipping_methods: shippingMethods = [], items_after_discounts: afterDiscounts = null } = shipping
  const terms: Record<string, CodeTerms> = {}
  const claimedCoupons = new Map<string, string>()
  const ruleTermsOf: RuleTermsOf = Object.assign(
    (code: string, coupon: CouponPricingTerms) => decideRules(code, coupon, currency, lines, rules, afterDiscounts),
    {
      moneyRule: (coupon: CouponPricingTerms) => !!rules && !!coupon.rules?.some((rule) => rules.registry.get(rule.attribute)?.money),
      someoneElses: (coupon: CouponPricingTerms) => !!rules && couponIsSomeoneElses(coupon, rules.shopper, rules.registry),
    }
  )
  const codeInputs = codes.map((row) => {
    const { input, codeTerms } = codeInput(row, eligibilities[row.id], currency, claimedCoupons, ruleTermsOf)
    terms[row.id] = codeTerms
    return input
  })
  const lineInputs: PricingLineInput[] = lines.map((line) => ({
    id: line.id,
    merchant_id: line.merchant_id,
    unit_price: line.unit_price,
    quantity: line.quantity,
    is_add_on: line.is_add_on,
    tax_rates: line.tax_rates ?? null,
    is_tax_inclusive: line.is_tax_inclusive ?? false,
  }))
  return {
    input: { currency_code: currency, lines: lineInputs, codes: codeInputs, manual, shipping_methods: shippingMethods },
    terms,
  }
}

function codeInput(
  row: StoredCode,
  eligibility: CouponEligibility | undefined,
  currency: string,
  claimedCoupons: Map<string, string>,
  ruleTermsOf: RuleTermsOf
): { input: PricingCodeInput; codeTerms: CodeTerms } {
  const someoneElses = !!eligibility?.coupon && ruleTermsOf.someoneElses(eligibility.coupon)
  // Another customer's coupon is no coupon at all to this shopper: every field below as for an unknown code.
  const coupon = someoneElses ? null : eligibility?.coupon ?? null
  const codeTerms = termsOf(coupon, currency)
  const base = {
    id: row.id,
    code: row.code,
    // The coupon's own scope: the merchant a shopper gives with a code only chooses between coupons
    // sharing the code, and never narrows a store-wide coupon (README "How a change is made").
    merchant_id: coupon ? coupon.merchant_id : row.merchant_id,
    target_type: coupon?.target_type ?? "items",
    value_type: coupon?.value_type ?? "percentage",
    value: codeTerms.value ?? 0,
    combinable: coupon?.combinable ?? true,
    priority: coupon?.priority ?? 0,
  } as const
  const refuse = (status: "INVALID" | "NOT_APPLICABLE", message: string) => ({
    input: { ...base, eligibility: { status, message } },
    codeTerms,
  })

  if (someoneElses) {
    return refuse("INVALID", unknownCodeMessage(row.code))
  }
  if (!eligibility || !coupon) {
    return refuse("INVALID", eligibility?.message ?? `Code ${row.code} does not exist`)
  }
  if (eligibility.status !== "ELIGIBLE") {
    return { input: { ...base, eligibility: { status: eligibility.status, message: eligibility.message } }, codeTerms }
  }
  const foreignCurrency = currencyMismatch(coupon, currency, ruleTermsOf.moneyRule(coupon))
  if (foreignCurrency) {
    return refuse(
      "NOT_APPLICABLE",
      `Code ${row.code} is valid only for ${foreignCurrency.toUpperCase()} carts, and this cart is in ${currency.toUpperCase()}`
    )
  }
  const claimedBy = claimedCoupons.get(coupon.id)
  if (claimedBy) {
    return refuse("NOT_APPLICABLE", `Code ${row.code} is the same coupon as ${claimedBy}, already in this cart`)
  }
  claimedCoupons.set(coupon.id, row.code)
  const min_subtotal = coupon.min_subtotal === null ? null : toMinorUnits(coupon.min_subtotal, currency, "min_subtotal")
  return { input: { ...base, min_subtotal, ...ruleTermsOf(row.code, coupon) }, codeTerms }
}

/** A coupon's rule terms for the session, and whether a rule of it counts money (in the coupon's currency). */
type RuleTermsOf = ((code: string, coupon: CouponPricingTerms) => CouponRuleTerms) & {
  moneyRule: (coupon: CouponPricingTerms) => boolean
  /** The coupon is for named customers only, and not this shopper: it answers as no such code. */
  someoneElses: (coupon: CouponPricingTerms) => boolean
}

/** Whether a coupon has any rule of docs/coupon-rules.md to decide. */
export function hasCouponRules(coupon: CouponPricingTerms): boolean {
  return (
    !!coupon.rules?.length ||
    !!coupon.target_rules?.length ||
    coupon.type === "buyget" ||
    coupon.allocation === "each" ||
    coupon.allocation === "once"
  )
}

/** A coupon's rules decided for the session: who may use it, its lines, its units; nothing without rules. */
function decideRules(
  code: string,
  coupon: CouponPricingTerms,
  currency: string,
  lines: StoredLine[],
  rules: SessionRules | null,
  afterDiscounts: ItemsAfterDiscounts | null
): CouponRuleTerms {
  if (!hasCouponRules(coupon)) {
    return {}
  }
  if (!rules) {
    throw new Error(`Coupon ${coupon.id} has rules, and the session's rule facts were not read (checkSessionCoupons reads them)`)
  }
  // A shipping coupon's threshold counts its scope's items after item discounts (docs/shipping-and-tax.md).
  const item_total =
    coupon.target_type === "shipping_methods" && afterDiscounts
      ? fromMinorUnits(afterDiscounts[coupon.merchant_id ?? "*"] ?? 0, currency)
      : scopeItemTotal(lines, coupon.merchant_id, currency)
  const shopper = { ...rules.shopper, item_total }
  return couponRuleTerms(code, coupon, { ...rules, shopper, currency_code: coupon.currency_code ?? currency })
}

/** A coupon's amounts are in its own currency: a fixed value, a minimum or an amount in a rule only fits carts in that currency. */
export function currencyMismatch(coupon: CouponPricingTerms, currency: string, moneyRule: boolean): string | null {
  const amountsInCurrency = coupon.value_type === "fixed" || coupon.min_subtotal !== null || moneyRule
  const couponCurrency = coupon.currency_code?.toLowerCase() ?? null
  return amountsInCurrency && couponCurrency && couponCurrency !== currency.toLowerCase() ? couponCurrency : null
}

function termsOf(coupon: CouponPricingTerms | null, currency: string): CodeTerms {
  if (!coupon) {
    return { coupon_id: null, value_type: null, value: null }
  }
  if (coupon.value_type === "percentage") {
    return { coupon_id: coupon.id, value_type: "percentage", value: coupon.value }
  }
  const sameCurrency = coupon.currency_code?.toLowerCase() === currency.toLowerCase()
  return {
    coupon_id: coupon.id,
    value_type: "fixed",
    value: sameCurrency ? toMinorUnits(coupon.value, currency, "value") : null,
  }
}
