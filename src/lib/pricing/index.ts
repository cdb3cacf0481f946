export { allocateByWeight } from "./allocate"
export { planBuyGet, type BuyGetPlan, type BuyGetTerms, type UnitShare } from "./buy-get"
export { currencyExponent, isKnownCurrency, normalizeCurrencyCode } from "./currency"
export { PricingError, isPricingError, type PricingErrorCode } from "./errors"
export {
  assertMinorUnits,
  fitsMinorUnits,
  formatMinorUnits,
  fromMinorUnits,
  fromMinorUnitsOf,
  MAX_AMOUNT,
  percentageOf,
  toMinorUnits,
} from "./money"
export { priceSession } from "./price-session"
export { summarizeSession, type StoredDiscount } from "./summarize"
export { beforeTax, checkTax, shareTax, type TaxableItem, type CheckedTax } from "./tax"
export { resolveStacking, type StackingCandidate, type StackingOutcome, type StackingReason } from "./stacking"
export type * from "./types"
