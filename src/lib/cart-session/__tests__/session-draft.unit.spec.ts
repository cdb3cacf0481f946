import type { CartSessionState } from "../../../modules/cart-session"
import { sessionState } from "./session-state"
import type { CatalogueVariant } from "../pricing-context"
import { refreshLinePrices } from "../price-draft"
import { catalogueKey } from "../pricing-context"
import { addCodes, addLines, diffSessionChange, removeDiscounts, setPrimaryCode, touchSession } from "../session-draft"

const now = new Date("2026-12-02T10:00:00.000Z")

const session: CartSessionState = sessionState({
  items: [
    { id: "csitem_1", position: 1, merchant_id: "acme", variant_id: "variant_1", product_id: "prod_1", title: "Tent",
      variant_title: null, quantity: 1, unit_price: 29997, is_add_on: false, metadata: null },
  ],
  discounts: [
    { id: "csdisc_1", position: 1, type: "CODE", code: "SAVE10", merchant_id: null, scope_merchant_id: null, is_primary: true,
      coupon_id: "cpn_1", status: "APPLIED", value_type: "percentage", value: 10, amount_total: 2999,
      allocations: [{ line_item_id: "csitem_1", amount: 2999 }], message: "Code SAVE10 applied", metadata: null, manual: null },
  ],
})

const mug = { variant_id: "variant_2", product_id: "prod_2", merchant_id: "globex", title: "Mug", variant_title: null, unit_price: 1000, quantity: 2 }

describe("session drafts", () => {
  it("adds to an existing line's quantity and appends new lines after the last position, refusing past the limit", () => {
    const draft = addLines(session, [{ ...mug, variant_id: "variant_1", quantity: 2 }, mug], 10)
    expect(draft.items.map((line) => [line.variant_id, line.quantity, line.position])).toEqual([["variant_1", 3, 1], ["variant_2", 2, 2]])
    expect(() => addLines(session, [{ ...mug, variant_id: "variant_1", quantity: 10 }], 10)).toThrow(
      expect.objectContaining({ code: "QUANTITY_OUT_OF_RANGE" })
    )
    expect(session.items).toHaveLength(1) // the loaded state is never changed in place
  })

  it("replaces the primary code, and removes codes ignoring case", () => {
    const replaced = setPrimaryCode(session, "FIVE", 5)
    expect(replaced.discounts.map((discount) => [discount.code, discount.is_primary, discount.status])).toEqual([["FIVE", true, "PENDING"]])
    expect(removeDiscounts(session, { code: "save10" }).discounts).toEqual([])
    expect(() => removeDiscounts(session, { code: "NOPE" })).toThrow(expect.objectContaining({ code: "CART_SESSION_DISCOUNT_NOT_FOUND" }))
    expect(addCodes(session, [{ code: "save10" }], { maxCodes: 5 })).toBe(session)
  })

  it("bumps the version and extends the expiry only when something changed", () => {
    expect(touchSession(session, { ...session }, { now, lifetimeMinutes: 60 })).toBe(session)
    const changed = touchSession(session, addLines(session, [mug], 10), { now, lifetimeMinutes: 60 })
    expect(changed).toMatchObject({
      version: 4,
      updated_at: now.toISOString(),
      expires_at: "2026-12-02T11:00:00.000Z",
    })
    const converted = touchSession(session, { ...session, status: "converted" }, { now, lifetimeMinutes: null })
    expect(converted).toMatchObject({ status: "converted", version: 4, expires_at: session.expires_at })
  })

  it("writes only what changed: new and changed rows, removed rows first and marked deleted", () => {
    const draft = touchSession(session, setPrimaryCode(addLines(session, [mug], 10), "FIVE", 5), { now, lifetimeMinutes: null })
    const change = diffSessionChange(session, draft)!
    expect(change.expected_version).toBe(3)
    expect(change.session.version).toBe(4)
    expect(change.items.map((line) => line.variant_id)).toEqual(["variant_2"])
    expect(change.discounts.map((discount) => [discount.code, discount.deleted ?? false])).toEqual([["SAVE10", true], ["FIVE", false]])
    expect(diffSessionChange(session, session)).toBeNull()
    expect(diffSessionChange(null, session)).toMatchObject({ expected_version: null, create: { region_id: "reg_1" } })
  })
})

describe("refreshing a draft's prices", () => {
  const priced = (variant_id: string, quantity: number, unit_price: number | null): [string, CatalogueVariant] => [
    catalogueKey({ variant_id, quantity }),
    { variant_id, product_id: "prod", title: "Tent", variant_title: null, merchant_id: "acme", is_add_on_product: false, quantity, unit_price },
  ]

  it("prices each line at its own quantity, never at a price read for another", () => {
    const draft = addLines(session, [{ ...mug, variant_id: "variant_1", quantity: 4 }], 10) // the tent line goes to 5
    const variants = Object.fromEntries([priced("variant_1", 4, 28000), priced("variant_1", 5, 25000)])
    expect(refreshLinePrices(draft, variants).items[0]).toMatchObject({ quantity: 5, unit_price: 25000 })
    // No price read at its quantity: the line keeps the price it had.
    expect(refreshLinePrices(draft, Object.fromEntries([priced("variant_1", 4, 28000)])).items[0].unit_price).toBe(29997)
  })
})
