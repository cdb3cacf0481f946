import { flattenObjectToKeyValuePairs } from "@medusajs/framework/utils"
import {
  catalogueKey,
  groupVariantsByQuantity,
  hostPricingContext,
  SessionPricingContext,
  storeContextOf,
} from "../pricing-context"

const market = { region_id: "reg_1", currency_code: "usd", sales_channel_id: "sc_1" }
const anonymous: SessionPricingContext = { ...market, customer_id: null, customer_group_ids: [], store_context: {} }
const member: SessionPricingContext = {
  ...market,
  customer_id: "cus_1",
  customer_group_ids: ["cusgroup_1", "cusgroup_2"],
  store_context: {},
}

describe("groupVariantsByQuantity", () => {
  it("asks once per distinct quantity, quantities ascending, each variant once per quantity", () => {
    expect(
      groupVariantsByQuantity([
        { variant_id: "v1", quantity: 5 },
        { variant_id: "v2", quantity: 1 },
        { variant_id: "v3", quantity: 5 },
        { variant_id: "v1", quantity: 5 },
        { variant_id: "v1", quantity: 1 },
      ])
    ).toEqual([
      { quantity: 1, variant_ids: ["v2", "v1"] },
      { quantity: 5, variant_ids: ["v1", "v3"] },
    ])
  })

  it("asks nothing for nothing", () => {
    expect(groupVariantsByQuantity([])).toEqual([])
  })
})

describe("catalogueKey", () => {
  it("tells a variant's price at one quantity from its price at another", () => {
    expect(catalogueKey({ variant_id: "v1", quantity: 2 })).not.toBe(catalogueKey({ variant_id: "v1", quantity: 5 }))
    expect(catalogueKey({ variant_id: "v1", quantity: 2 })).toBe(catalogueKey({ variant_id: "v1", quantity: 2 }))
  })
})

describe("hostPricingContext", () => {
  it("gives an anonymous session region, currency and quantity only", () => {
    expect(hostPricingContext(anonymous, 3)).toEqual({ region_id: "reg_1", currency_code: "usd", quantity: 3 })
  })

  it("gives a customer's session the rule attributes the host's cart gives: customer id and group ids", () => {
    const context = hostPricingContext(member, 1)
    expect(context).toMatchObject({ customer_id: "cus_1", quantity: 1 })
    // What the pricing module matches price and price list rules against.
    expect(flattenObjectToKeyValuePairs(context)).toEqual({
      region_id: "reg_1",
      currency_code: "usd",
      quantity: 1,
      customer_id: "cus_1",
      "customer.id": "cus_1",
      "customer.groups.id": ["cusgroup_1", "cusgroup_2"],
    })
  })

  it("flattens a customer's only group to its id, as the host's cart does", () => {
    const context = hostPricingContext({ ...member, customer_group_ids: ["cusgroup_1"] }, 1)
    expect(flattenObjectToKeyValuePairs(context)["customer.groups.id"]).toEqual(
      flattenObjectToKeyValuePairs({ customer: { id: "cus_1", groups: [{ id: "cusgroup_1" }] } })["customer.groups.id"]
    )
  })
})

describe("the store's own pricing context (option pricingContext)", () => {
  it("is added to every price a session asks for, as the host adds a setPricingContext hook's result", () => {
    expect(hostPricingContext({ ...anonymous, store_context: { storefront: "web", location_id: "sloc_1" } }, 2)).toEqual({
      storefront: "web",
      location_id: "sloc_1",
      region_id: "reg_1",
      currency_code: "usd",
      quantity: 2,
    })
  })

  it("may replace the customer object, as a hook's result may, but never region, currency, customer id or quantity", () => {
    const context = hostPricingContext(
      {
        ...member,
        store_context: { customer: { id: "cus_1", groups: [{ id: "b2b" }] }, region_id: "x", currency_code: "x", customer_id: "x", quantity: 9 },
      },
      1
    )
    expect(flattenObjectToKeyValuePairs(context)).toEqual({
      region_id: "reg_1",
      currency_code: "usd",
      quantity: 1,
      customer_id: "cus_1",
      "customer.id": "cus_1",
      "customer.groups.id": ["b2b"],
    })
  })

  it("takes an object or nothing, and names the option when given anything else", () => {
    expect(storeContextOf({ storefront: "web" })).toEqual({ storefront: "web" })
    expect(storeContextOf(undefined)).toEqual({})
    expect(storeContextOf(null)).toEqual({})
    expect(() => storeContextOf("web")).toThrow(/pricingContext option .* returned string/)
    expect(() => storeContextOf(["web"])).toThrow(/returned an array/)
  })
})
