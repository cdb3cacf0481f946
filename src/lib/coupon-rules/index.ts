// Coupon rules (docs/coupon-rules.md), pure: a registry of rule attributes declared once, validation of a coupon's
// rule fields, evaluation against facts the caller resolved, and their words.
export {
  ENTITY_WORDS,
  LIST_OPERATORS,
  OPERATORS_BY_VALUE_TYPE,
  type CustomRuleAttribute,
  type LineAttribute,
  type RegisteredAttribute,
  type RuleAttribute,
  type ShopperAttribute,
} from "./attribute"
export { LINE_ATTRIBUTES, SHOPPER_ATTRIBUTES } from "./built-in-attributes"
export { lineMatches, matchingLineIds, ruleHolds, shopperRuleFailure, type ShopperRuleFailure } from "./evaluate"
export {
  couponIsSomeoneElses,
  couponRuleTerms,
  notEligibleMessage,
  scopeItemTotal,
  type CouponRuleContext,
  type CouponRuleTerms,
} from "./pricing-terms"
export { idsByEntity, ruleReferences, unknownIdProblems, type RuleReference } from "./references"
export { createRuleRegistry, RuleAttributeError, RuleRegistry } from "./registry"
export {
  ruleRegistryOf,
  type LineResolverInput,
  type SessionForRules,
  type ShopperResolverInput,
  type StoreRuleAttribute,
} from "./store-attributes"
export { describeCouponRules } from "./summary"
export { couponRulesProblems } from "./validate"
export { describeLineRules, describeShopperRule, ruleClause, valueWords, type RuleWordsOptions } from "./words"
export { RULE_OPERATORS } from "./types"
export type * from "./types"
