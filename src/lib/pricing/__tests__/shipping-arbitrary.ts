import fc from "fast-check"
import type { PriceSessionInput, PricingCodeInput, PricingShippingMethodInput } from ".."
import { MERCHANT_COUNT, sessionArbitrary } from "./session-arbitrary"

/** Rates as the host's tax lines give them, in percent with up to three decimals. */
export const TAX_RATES = [0, 5, 7.25, 8.875, 10, 19, 20, 0.001] as const

const ratesArbitrary = fc.option(fc.array(fc.constantFrom(...TAX_RATES), { maxLength: 2 }), { nil: undefined, freq: 4 })

const methodArbitrary = fc.record({
  present: fc.boolean(),
  amount: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 1e7 })),
  rates: ratesArbitrary,
  inclusive: fc.boolean(),
})

const shippingCodeArbitrary = fc.record({
  merchant: fc.option(fc.integer({ min: 0, max: MERCHANT_COUNT }), { nil: null, freq: 2 }),
  percentage: fc.boolean(),
  percent: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 100 }), fc.constantFrom(12.5, 33.33)),
  fixed: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1e7 })),
  combinable: fc.boolean(),
  priority: fc.integer({ min: 0, max: 2 }),
  min_subtotal: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: null, freq: 3 }),
})

/**
 * A session of `sessionArbitrary` with tax rates on its lines (tax-inclusive or not, as a region sets it),
 * shipping methods on some of its bags, and shipping codes after its item codes.
 */
export function shippedSessionArbitrary(): fc.Arbitrary<PriceSessionInput> {
  return fc
    .record({
      session: sessionArbitrary(),
      inclusive: fc.boolean(),
      lineRates: fc.array(ratesArbitrary, { minLength: 15, maxLength: 15 }),
      methods: fc.array(methodArbitrary, { minLength: MERCHANT_COUNT, maxLength: MERCHANT_COUNT }),
      shippingCodes: fc.array(shippingCodeArbitrary, { maxLength: 3 }),
    })
    .map(({ session, inclusive, lineRates, methods, shippingCodes }) => {
      const merchants = new Set(session.lines.map((line) => line.merchant_id))
      const shipping_methods = methods.flatMap((entry, index): PricingShippingMethodInput[] => {
        const merchant_id = `m${index}`
        if (!entry.present || !merchants.has(merchant_id)) return []
        const { amount, rates, inclusive: methodInclusive } = entry
        return [{ merchant_id, option_id: `so${index}`, name: `Ship ${index}`, amount, tax_rates: rates, is_tax_inclusive: methodInclusive }]
      })
      const codes = shippingCodes.map(
        (entry, index): PricingCodeInput => ({
          id: `s${index}`,
          code: `SHIP${index}`,
          target_type: "shipping_methods",
          merchant_id: entry.merchant === null ? null : `m${entry.merchant}`,
          value_type: entry.percentage ? "percentage" : "fixed",
          value: entry.percentage ? entry.percent : entry.fixed,
          combinable: entry.combinable,
          priority: entry.priority,
          min_subtotal: entry.min_subtotal,
        })
      )
      return {
        ...session,
        lines: session.lines.map((line, index) => ({ ...line, tax_rates: lineRates[index], is_tax_inclusive: inclusive })),
        codes: [...session.codes!, ...codes],
        shipping_methods,
      }
    })
}
