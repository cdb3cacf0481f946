import fc from "fast-check"
import type { CallerDecidedStatus, PriceSessionInput, PricingCodeInput, PricingManualInput } from ".."

export const MERCHANT_COUNT = 4

export type SessionShape = {
  /** Allow store-wide codes. */
  storeWide?: boolean
  cartManual?: boolean
  itemManual?: boolean
  maxCodes?: number
}

const callerStatus = fc.constantFrom<CallerDecidedStatus>(
  "INVALID", "EXPIRED", "NOT_STARTED", "USAGE_LIMIT_REACHED", "CUSTOMER_LIMIT_REACHED", "NOT_APPLICABLE", "NOT_ELIGIBLE"
)

const lineArbitrary = fc.record({
  merchant: fc.integer({ min: 0, max: MERCHANT_COUNT - 1 }),
  unit_price: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 50000 }), fc.integer({ min: 0, max: 1e9 })),
  quantity: fc.integer({ min: 1, max: 5 }),
})

function codeArbitrary(storeWide: boolean) {
  // merchant index MERCHANT_COUNT never has lines, for NOT_APPLICABLE
  const merchant = fc.integer({ min: 0, max: MERCHANT_COUNT })
  return fc.record({
    merchant: storeWide ? fc.option(merchant, { nil: null, freq: 3 }) : merchant,
    percentage: fc.boolean(),
    percent: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(12.5, 33.33, 0.5, 99.99, 0.01)),
    fixed: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1e7 })),
    combinable: fc.boolean(),
    priority: fc.integer({ min: 0, max: 2 }),
    min_subtotal: fc.option(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1e8 })), { nil: null, freq: 3 }),
    eligibility: fc.option(callerStatus, { nil: null, freq: 6 }),
  })
}

const manualArbitrary = fc.record({
  item: fc.boolean(),
  line: fc.nat(),
  amount: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1e9 })),
})

export function sessionArbitrary(shape: SessionShape = {}): fc.Arbitrary<PriceSessionInput> {
  const { storeWide = true, cartManual = true, itemManual = true, maxCodes = 5 } = shape
  const manualAllowed = cartManual || itemManual
  return fc
    .record({
      currency_code: fc.constantFrom("USD", "JPY", "KWD"),
      lines: fc.array(lineArbitrary, { maxLength: 15 }),
      codes: fc.array(codeArbitrary(storeWide), { maxLength: maxCodes }),
      manual: fc.array(manualArbitrary, { maxLength: manualAllowed ? 3 : 0 }),
    })
    .map(({ currency_code, lines, codes, manual }) => ({
      currency_code,
      lines: lines.map((entry, index) => ({
        id: `l${index}`,
        merchant_id: `m${entry.merchant}`,
        unit_price: entry.unit_price,
        quantity: entry.quantity,
      })),
      codes: codes.map(
        (entry, index): PricingCodeInput => ({
          id: `c${index}`,
          code: `CODE${index}`,
          merchant_id: entry.merchant === null ? null : `m${entry.merchant}`,
          value_type: entry.percentage ? "percentage" : "fixed",
          value: entry.percentage ? entry.percent : entry.fixed,
          combinable: entry.combinable,
          priority: entry.priority,
          min_subtotal: entry.min_subtotal,
          eligibility: entry.eligibility === null ? null : { status: entry.eligibility },
        })
      ),
      manual: manual.map((entry, index): PricingManualInput => {
        const asItem = lines.length > 0 && (entry.item ? itemManual : !cartManual)
        return asItem
          ? { id: `x${index}`, scope: "item", line_id: `l${entry.line % lines.length}`, amount: entry.amount }
          : { id: `x${index}`, scope: "cart", amount: entry.amount }
      }),
    }))
    .filter((input) => input.manual.every((entry) => (entry.scope === "cart" ? cartManual : itemManual)))
}

/** The same session with each merchant's lines gathered into one block, blocks in the given order. */
export function withBagsReordered(input: PriceSessionInput, sortKeys: number[]): PriceSessionInput {
  const blocks = new Map<string, PriceSessionInput["lines"]>()
  for (const entry of input.lines) {
    const block = blocks.get(entry.merchant_id) ?? []
    block.push(entry)
    blocks.set(entry.merchant_id, block)
  }
  const ordered = [...blocks.values()]
    .map((block, index) => ({ block, key: sortKeys[index % sortKeys.length], index }))
    .sort((left, right) => left.key - right.key || left.index - right.index)
  return { ...input, lines: ordered.flatMap(({ block }) => block) }
}
