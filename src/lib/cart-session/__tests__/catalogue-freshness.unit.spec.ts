import type { CartSessionLineState, CartSessionState } from "../../../modules/cart-session"
import { linesToRead, pricingContextKey, storedCatalogueVariant } from "../catalogue-freshness"
import { sessionState } from "./session-state"

const line = (id: string, variant_id: string, quantity: number): CartSessionLineState => ({
  id,
  position: 1,
  merchant_id: "acme",
  variant_id,
  product_id: `prod_${variant_id}`,
  title: `Product ${variant_id}`,
  variant_title: null,
  quantity,
  unit_price: 1000,
  is_add_on: false,
  tax_rates: null,
  is_tax_inclusive: false,
  metadata: null,
  product_collection_id: "pcol_summer",
  product_type_id: null,
})

const now = new Date("2026-12-06T12:00:00.000Z")
const context = { region_id: "reg", currency_code: "usd", sales_channel_id: "sc", customer_id: null, customer_group_ids: [], store_context: {} }
const key = pricingContextKey(context)

function session(items: CartSessionLineState[], overrides: Partial<CartSessionState> = {}): CartSessionState {
  return sessionState({ items, discounts: [], catalogue_read_at: "2026-12-06T11:58:00.000Z", pricing_context_key: key, ...overrides })
}

const freshness = { context_key: key, now, max_age_ms: 600_000 }
const stored = session([line("a", "v1", 1), line("b", "v2", 2)])

describe("linesToRead: which lines a change reads from the host's catalogue", () => {
  it("reads none when the change touches no line of a session read whole within the max age, in the same context", () => {
    expect(linesToRead(stored, stored, freshness)).toEqual({ lines: [], all: false })
  })

  it("reads only a line whose quantity changed, and a new line", () => {
    const draft = session([line("a", "v1", 3), line("b", "v2", 2), line("c", "v3", 1)])
    const { lines, all } = linesToRead(draft, stored, freshness)
    expect(lines.map((read) => read.id)).toEqual(["a", "c"])
    expect(all).toBe(false)
  })

  it.each([
    ["there is no stored session (a convert, a new session)", null, freshness],
    ["the host said the catalogue changed (the session is unpriced)", session(stored.items, { priced: false }), freshness],
    ["it was never read whole", session(stored.items, { catalogue_read_at: null }), freshness],
    ["the pricing context changed (a customer signed in)", stored, { ...freshness, context_key: "another" }],
    ["the last full read is older than the max age", stored, { ...freshness, now: new Date("2026-12-06T12:08:00.001Z") }],
    ["the max age is 0", stored, { ...freshness, max_age_ms: 0 }],
  ])("reads every line when %s", (_, storedSession, given) => {
    expect(linesToRead(stored, storedSession, given)).toEqual({ lines: stored.items, all: true })
  })
})

describe("pricingContextKey", () => {
  it("is the same for the same customer, groups in any order and store context, and differs otherwise", () => {
    const customer = { ...context, customer_id: "cus_1", customer_group_ids: ["g1", "g2"], store_context: { storefront: "web" } }
    expect(pricingContextKey({ ...customer, customer_group_ids: ["g2", "g1"] })).toBe(pricingContextKey(customer))
    expect(pricingContextKey(customer)).not.toBe(key)
    expect(pricingContextKey({ ...customer, customer_group_ids: ["g1"] })).not.toBe(pricingContextKey(customer))
    expect(pricingContextKey({ ...customer, store_context: { storefront: "app" } })).not.toBe(pricingContextKey(customer))
  })
})

describe("storedCatalogueVariant", () => {
  it("gives a line's stored price and product facts under its catalogue key", () => {
    expect(storedCatalogueVariant(line("a", "v1", 2))).toEqual([
      "v1@2",
      expect.objectContaining({ variant_id: "v1", quantity: 2, unit_price: 1000, collection_id: "pcol_summer", type_id: null }),
    ])
  })
})
