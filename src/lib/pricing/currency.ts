import { PricingError } from "./errors"

// ISO 4217 minor-unit exponents of the active currencies (fund codes included).
// Precious metals and other codes without a minor unit are left out on purpose.
const ZERO_DECIMALS = [
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
  "VND", "VUV", "XAF", "XOF", "XPF",
]
const THREE_DECIMALS = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
const FOUR_DECIMALS = ["CLF", "UYW"]
const TWO_DECIMALS = [
  "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD",
  "BDT", "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
  "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE",
  "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
  "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
  "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
  "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
  "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN",
  "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG",
  "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
  "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU",
  "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
]

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...ZERO_DECIMALS.map((code) => [code, 0] as const),
  ...TWO_DECIMALS.map((code) => [code, 2] as const),
  ...THREE_DECIMALS.map((code) => [code, 3] as const),
  ...FOUR_DECIMALS.map((code) => [code, 4] as const),
])

/** Upper-case ISO code for a known currency; throws `UNKNOWN_CURRENCY` otherwise. */
export function normalizeCurrencyCode(code: string): string {
  const normalized = typeof code === "string" ? code.trim().toUpperCase() : ""
  if (!EXPONENTS.has(normalized)) {
    throw new PricingError(
      "UNKNOWN_CURRENCY",
      `currency_code ${JSON.stringify(code)} is not a known ISO 4217 currency code (such as USD)`,
      "currency_code"
    )
  }
  return normalized
}

/** Number of decimals of the currency's minor unit (JPY 0, USD 2, KWD 3), case-insensitive. */
export function currencyExponent(code: string): number {
  return EXPONENTS.get(normalizeCurrencyCode(code)) as number
}

export function isKnownCurrency(code: string): boolean {
  return typeof code === "string" && EXPONENTS.has(code.trim().toUpperCase())
}
