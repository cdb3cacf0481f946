export { allocateByWeight } from "./allocate"
export { currencyExponent, isKnownCurrency, normalizeCurrencyCode } from "./currency"
export { PricingError, isPricingError, type PricingErrorCode } from "./errors"
export {
  assertMinorUnits,
  formatMinorUnits,
  fromMinorUnits,
  percentageOf,
  toMinorUnits,
} from "./money"
export { priceSession } from "./price-session"
export { resolveStacking, type StackingCandidate, type StackingOutcome, type StackingReason } from "./stacking"
export type * from "./types"
