import fc from "fast-check"
import type { PriceSessionInput, PricingCodeInput } from ".."
import { sessionArbitrary, type SessionShape } from "./session-arbitrary"

export type ReachMode = "across" | "each" | "once" | "buyget"

const reachArbitrary = fc.record({
  /** Positions of target lines (taken modulo the line count); null = no target rules. */
  targets: fc.option(fc.uniqueArray(fc.nat({ max: 20 }), { maxLength: 8 }), { nil: null, freq: 4 }),
  buys: fc.uniqueArray(fc.nat({ max: 20 }), { maxLength: 8 }),
  mode: fc.constantFrom<ReachMode>("across", "each", "once", "buyget"),
  max_quantity: fc.integer({ min: 1, max: 8 }),
  buy_min_quantity: fc.integer({ min: 1, max: 3 }),
  apply_to_quantity: fc.integer({ min: 1, max: 3 }),
  /** Keeps the caller's status drawn by `sessionArbitrary` one time in five only, so most codes are priced. */
  keepCallerStatus: fc.integer({ min: 0, max: 4 }).map((draw) => draw === 0),
})

type Reach = typeof reachArbitrary extends fc.Arbitrary<infer T> ? T : never

function lineIds(input: PriceSessionInput, positions: number[]): string[] {
  if (input.lines.length === 0) return []
  return [...new Set(positions.map((position) => input.lines[position % input.lines.length].id))]
}

function withReach(input: PriceSessionInput, generated: PricingCodeInput, reach: Reach): PricingCodeInput {
  const code = reach.keepCallerStatus ? generated : { ...generated, eligibility: null }
  const target_line_ids = reach.targets === null ? null : lineIds(input, reach.targets)
  const { mode, max_quantity } = reach
  if (mode === "across") return { ...code, target_line_ids }
  if (mode === "each" || mode === "once") return { ...code, target_line_ids, allocation: mode, max_quantity }
  const { buy_min_quantity, apply_to_quantity } = reach
  const buy_get = { buy_line_ids: lineIds(input, reach.buys), buy_min_quantity, apply_to_quantity }
  return { ...code, target_line_ids, max_quantity, buy_get }
}

/** Sessions whose codes have target lines, allocation each or once, or buy X get Y terms. */
export function reachSessionArbitrary(shape: SessionShape = {}): fc.Arbitrary<PriceSessionInput> {
  return fc
    .tuple(sessionArbitrary(shape), fc.array(reachArbitrary, { minLength: 5, maxLength: 5 }))
    .map(([input, reaches]) => ({
      ...input,
      codes: input.codes!.map((code, index) => withReach(input, code, reaches[index])),
    }))
}

/** The lines a code may reach: its target lines (all without them) within its scope. */
export function targetLinesOf(input: PriceSessionInput, code: PricingCodeInput) {
  const targets = code.target_line_ids ? new Set(code.target_line_ids) : null
  return input.lines.filter(
    (line) => (code.merchant_id == null || line.merchant_id === code.merchant_id) && (!targets || targets.has(line.id))
  )
}
