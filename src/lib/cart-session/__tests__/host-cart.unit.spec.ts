import type { CartSessionState } from "../../../modules/cart-session"
import { sessionState } from "./session-state"
import { createRuleRegistry } from "../../coupon-rules"
import { couponTerms, eligible } from "./coupons"
import {
  cartAdjustmentsOf,
  cartHasSessionLines,
  cartPriceDifferences,
  cartPricesChangedMessage,
  HostCartLine,
  rememberedHostPrice,
  withCartPrices,
} from "../host-cart"
import { priceDraft, type SessionCouponVerdicts } from "../price-draft"
import { catalogueKey, type CatalogueVariant } from "../pricing-context"

const line = (id: string, variant: string, quantity: number, unit_price: number) => ({
  id,
  position: Number(id.slice(-1)),
  merchant_id: "acme",
  variant_id: variant,
  product_id: `prod_${variant}`,
  title: variant === "variant_1" ? "Boots" : "Mug",
  variant_title: null,
  quantity,
  unit_price,
  is_add_on: false,
  metadata: null,
})

const session: CartSessionState = sessionState({
  customer_id: "cus_1",
  items: [line("csitem_1", "variant_1", 1, 3000), line("csitem_2", "variant_2", 3, 1000)],
  discounts: [
    { id: "csdisc_1", position: 1, type: "CODE", code: "SAVE10", merchant_id: null, scope_merchant_id: null, is_primary: true,
      coupon_id: "cpn_1", status: "APPLIED", value_type: "percentage", value: 10, amount_total: 600,
      allocations: [{ line_item_id: "csitem_1", amount: 300 }, { line_item_id: "csitem_2", amount: 300 }],
      message: "Code SAVE10 applied", metadata: null, manual: null },
  ],
})

const cartLine = (sessionLineId: string, variant: string, quantity: number, unit_price: number | string): HostCartLine => ({
  id: `cali_${sessionLineId}`,
  variant_id: variant,
  quantity,
  unit_price,
  metadata: { cart_session_line_id: sessionLineId },
})

/** What the pricing module says, which the store's own pricing context overrides in its carts. */
const catalogue: Record<string, CatalogueVariant> = Object.fromEntries(
  session.items.map((item) => [
    catalogueKey(item),
    { variant_id: item.variant_id, product_id: item.product_id, title: item.title, variant_title: null, merchant_id: "acme",
      is_add_on_product: false, quantity: item.quantity, unit_price: item.unit_price },
  ])
)
const save10: SessionCouponVerdicts = { eligibilities: { csdisc_1: eligible(couponTerms()) }, automatic: [], rule_facts: null }
const registry = createRuleRegistry()

describe("the host cart's prices at convert", () => {
  it("finds no difference when every line costs in the cart what it costs in the session, to the minor unit", () => {
    const cart = [cartLine("csitem_1", "variant_1", 1, "30.000"), cartLine("csitem_2", "variant_2", 3, 10)]
    expect(cartPriceDifferences(session, cart)).toEqual([])
    expect(cartAdjustmentsOf(session, cart).map((adjustment) => adjustment.amount)).toEqual([3, 3])
  })

  it("names each line the cart prices otherwise, or lacks at the session's quantity", () => {
    const cart = [cartLine("csitem_1", "variant_1", 1, 20), cartLine("csitem_2", "variant_2", 2, 10)]
    const differences = cartPriceDifferences(session, cart)
    expect(differences).toEqual([
      { line_id: "csitem_1", title: "Boots", session_price: 3000, cart_price: 2000 },
      { line_id: "csitem_2", title: "Mug", session_price: 1000, cart_price: null },
    ])
    expect(cartPricesChangedMessage(session, differences, false)).toBe(
      'The host priced the cart of cart session csess_1 differently ("Boots" costs 20.00 USD there, not 30.00 USD; ' +
        '"Mug" is not in it as priced): price the session (POST /store/cart-sessions/csess_1/price) and convert again'
    )
    expect(() => cartAdjustmentsOf(session, cart)).toThrow(expect.objectContaining({ code: "CART_SESSION_PRICES_CHANGED" }))
  })

  it("gives the session the cart's prices, kept through re-pricing while the line and the customer stay the same", () => {
    const differences = cartPriceDifferences(session, [cartLine("csitem_1", "variant_1", 1, 20), cartLine("csitem_2", "variant_2", 3, 10)])
    const atCartPrices = withCartPrices(session, differences)
    expect(atCartPrices.items[0]).toMatchObject({
      unit_price: 2000,
      metadata: { host_price: { unit_price: 2000, quantity: 1, customer_id: "cus_1" } },
    })
    expect(atCartPrices.items[1]).toBe(session.items[1])

    // Priced again with what the pricing module says (30.00): the cart's 20.00 holds, and the discount follows it.
    const { state } = priceDraft(atCartPrices, catalogue, save10, { registry })
    expect(state.items.map((item) => item.unit_price)).toEqual([2000, 1000])
    expect(state.discounts[0]).toMatchObject({ amount_total: 500, allocations: [{ line_item_id: "csitem_1", amount: 200 }, { line_item_id: "csitem_2", amount: 300 }] })
    expect(cartPriceDifferences(state, [cartLine("csitem_1", "variant_1", 1, 20), cartLine("csitem_2", "variant_2", 3, 10)])).toEqual([])
  })

  it("forgets the cart's price once the line's quantity or the session's customer changes", () => {
    const atCartPrices = withCartPrices(session, [{ line_id: "csitem_1", title: "Boots", session_price: 3000, cart_price: 2000 }])
    expect(rememberedHostPrice(atCartPrices.items[0], "cus_1")).toBe(2000)
    expect(rememberedHostPrice(atCartPrices.items[0], "cus_2")).toBeNull()

    const twoBoots = { ...atCartPrices, items: atCartPrices.items.map((item) => (item.id === "csitem_1" ? { ...item, quantity: 2 } : item)) }
    const twoBootsCatalogue = { ...catalogue, [catalogueKey({ variant_id: "variant_1", quantity: 2 })]: { ...catalogue[catalogueKey(session.items[0])], quantity: 2 } }
    const { state } = priceDraft(twoBoots, twoBootsCatalogue, save10, { registry })
    expect(state.items[0]).toMatchObject({ quantity: 2, unit_price: 3000, metadata: null })
  })
})

describe("whether a converted cart still has the session's lines", () => {
  const sameLines = () => [cartLine("csitem_1", "variant_1", 1, 30), cartLine("csitem_2", "variant_2", 3, "10.00")]

  it("holds while every line has its variant and quantity", () => {
    expect(cartHasSessionLines(session, sameLines())).toBe(true)
  })

  it("fails for a line added or removed, or a quantity or variant changed", () => {
    const [boots, mugs] = sameLines()
    expect(cartHasSessionLines(session, [boots])).toBe(false)
    expect(cartHasSessionLines(session, [...sameLines(), cartLine("csitem_3", "variant_3", 1, 5)])).toBe(false)
    expect(cartHasSessionLines(session, [boots, { ...mugs, quantity: 4 }])).toBe(false)
    expect(cartHasSessionLines(session, [boots, { ...mugs, variant_id: "variant_9" }])).toBe(false)
  })
})
