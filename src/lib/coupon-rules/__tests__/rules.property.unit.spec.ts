import fc from "fast-check"
import { priceSession } from "../../pricing"
import {
  couponRuleTerms,
  createRuleRegistry,
  lineMatches,
  matchingLineIds,
  ruleHolds,
  type CouponRule,
  type CouponRulesInput,
  type LineFacts,
} from ".."
import { lineFacts, shopper } from "./facts"

const registry = createRuleRegistry()
const runs = { numRuns: 300 }
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

const pick = (pool: string[]) => fc.constantFrom(...pool)
const collections = ["pcol_a", "pcol_b"]
const tags = ["ptag_x", "ptag_y", "ptag_z"]
const types = ["ptyp_shirt", "ptyp_cap"]

const factsArbitrary = fc.record({
  collection_id: fc.option(pick(collections), { nil: null }),
  tag_ids: fc.uniqueArray(pick(tags), { maxLength: 3 }),
  type_id: fc.option(pick(types), { nil: null }),
})

const lineRuleArbitrary: fc.Arbitrary<CouponRule> = fc.oneof(
  fc.record({
    attribute: fc.constant("items.product.collection_id"),
    operator: fc.constantFrom("in" as const, "not_in" as const, "eq" as const, "ne" as const),
    values: fc.uniqueArray(pick(collections), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    attribute: fc.constant("items.product.tags.id"),
    operator: fc.constantFrom("in" as const, "not_in" as const),
    values: fc.uniqueArray(pick(tags), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    attribute: fc.constant("items.product.type_id"),
    operator: fc.constantFrom("eq" as const, "ne" as const),
    values: pick(types).map((type) => [type]),
  })
).map((candidate) => (["eq", "ne"].includes(candidate.operator) ? { ...candidate, values: candidate.values.slice(0, 1) } : candidate))

const sessionArbitrary = fc.record({
  lines: fc.array(
    fc.record({
      merchant: fc.integer({ min: 0, max: 2 }),
      unit_price: fc.integer({ min: 0, max: 10000 }),
      quantity: fc.integer({ min: 1, max: 4 }),
      facts: factsArbitrary,
    }),
    { maxLength: 8 }
  ),
  merchant: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  percentage: fc.boolean(),
  value: fc.integer({ min: 1, max: 100 }),
  target_rules: fc.array(lineRuleArbitrary, { maxLength: 2 }),
  buy_rules: fc.array(lineRuleArbitrary, { minLength: 1, maxLength: 2 }),
  mode: fc.constantFrom("across" as const, "each" as const, "once" as const, "buyget" as const),
  max_quantity: fc.integer({ min: 1, max: 6 }),
  buy_rules_min_quantity: fc.integer({ min: 1, max: 3 }),
})

describe("coupon rule properties", () => {
  it("holds not_in exactly when in fails, ne when eq fails, and each ordering against its opposite", () => {
    const pairs = [["in", "not_in"], ["eq", "ne"], ["gt", "lte"], ["lt", "gte"]] as const
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (fact, value) => {
        const attribute = registry.get("item_total")!
        for (const [left, right] of pairs) {
          const holds = (operator: CouponRule["operator"]) => ruleHolds(attribute, { attribute: "item_total", operator, values: [value] }, fact)
          expect(holds(left)).toBe(!holds(right))
        }
      }),
      runs
    )
    fc.assert(
      fc.property(factsArbitrary, lineRuleArbitrary, (facts, candidate) => {
        const line = lineFacts("l", facts)
        const opposite = { in: "not_in", not_in: "in", eq: "ne", ne: "eq" }[candidate.operator as "in"] as CouponRule["operator"]
        expect(lineMatches([candidate], line, registry)).toBe(!lineMatches([{ ...candidate, operator: opposite }], line, registry))
      }),
      runs
    )
  })

  it("matches the lines every rule matches, in their order", () => {
    fc.assert(
      fc.property(fc.array(factsArbitrary, { maxLength: 8 }), fc.array(lineRuleArbitrary, { maxLength: 3 }), (facts, rules) => {
        const lines = facts.map((entry, index) => lineFacts(`l${index}`, entry))
        const each = rules.map((candidate) => new Set(matchingLineIds([candidate], lines, registry)))
        const expected = lines.filter((line) => each.every((set) => set.has(line.id))).map((line) => line.id)
        expect(matchingLineIds(rules, lines, registry)).toEqual(expected)
      }),
      runs
    )
  })

  it("discounts only lines its target rules match, within its scope and their worth, allocations summing exactly", () => {
    fc.assert(
      fc.property(sessionArbitrary, (generated) => {
        const lines = generated.lines.map((entry, index) => ({
          id: `l${index}`,
          merchant_id: `m${entry.merchant}`,
          unit_price: entry.unit_price,
          quantity: entry.quantity,
        }))
        const facts: LineFacts[] = generated.lines.map((entry, index) => lineFacts(`l${index}`, entry.facts))
        const { mode, max_quantity } = generated
        const coupon: CouponRulesInput = {
          target_rules: mode === "buyget" && generated.target_rules.length === 0 ? generated.buy_rules : generated.target_rules,
          ...(mode === "buyget"
            ? { type: "buyget", buy_rules: generated.buy_rules, buy_rules_min_quantity: generated.buy_rules_min_quantity, apply_to_quantity: 1, max_quantity }
            : mode === "across"
              ? {}
              : { allocation: mode, max_quantity }),
        }
        const merchant_id = generated.merchant === null ? null : `m${generated.merchant}`
        const terms = couponRuleTerms("C", coupon, { registry, shopper: shopper(), lines: facts })
        const value_type = generated.percentage ? ("percentage" as const) : ("fixed" as const)
        const value = generated.percentage ? generated.value : generated.value * 10
        const code = { id: "c", code: "C", merchant_id, value_type, value, combinable: true, ...terms }
        const session = priceSession({ currency_code: "usd", lines, codes: [code] })
        const discount = session.discounts[0]
        const matching = new Set(matchingLineIds(coupon.target_rules ?? [], facts, registry))
        const allowed = lines.filter((line) => matching.has(line.id) && (merchant_id === null || line.merchant_id === merchant_id))
        const allowedIds = new Set(allowed.map((line) => line.id))
        for (const share of discount.allocations) {
          expect(allowedIds.has(share.line_id)).toBe(true)
          expect(share.amount).toBeGreaterThan(0)
        }
        expect(sum(discount.allocations.map((share) => share.amount))).toBe(discount.amount_total)
        expect(discount.amount_total).toBeLessThanOrEqual(sum(allowed.map((line) => line.unit_price * line.quantity)))
        for (const bag of session.bags) for (const line of bag.lines) expect(line.total).toBeGreaterThanOrEqual(0)
        if (allowed.length === 0) expect(discount.status).toBe("NOT_APPLICABLE")
      }),
      runs
    )
  })
})
