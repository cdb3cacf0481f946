import type { CartSessionAddress } from "../cart-session-api"
import {
  addressLines,
  countryName,
  formatShippingMethod,
  formatTax,
  merchantName,
  shippingAllocationLines,
  taxInclusion,
} from "../cart-session-format"
import { targetTypeLabel } from "../coupon-format"

const address = (patch: Partial<CartSessionAddress> = {}): CartSessionAddress => ({
  country_code: "us",
  province: null,
  postal_code: null,
  city: null,
  address_1: null,
  address_2: null,
  first_name: null,
  last_name: null,
  company: null,
  phone: null,
  ...patch,
})

describe("a session's shipping address in the admin", () => {
  it("has no lines without an address", () => {
    expect(addressLines(null)).toEqual([])
  })

  it("reads as a label: name, company, street, town with province, country, phone", () => {
    const full = address({
      first_name: "Ada",
      last_name: "Lovelace",
      company: "Engines Ltd",
      address_1: "1 Main street",
      address_2: "Suite 4",
      postal_code: "94107",
      city: "San Francisco",
      province: "us-ca",
      phone: "+1 555 0100",
    })
    expect(addressLines(full)).toEqual([
      "Ada Lovelace",
      "Engines Ltd",
      "1 Main street",
      "Suite 4",
      "94107 San Francisco, US-CA",
      "United States",
      "+1 555 0100",
    ])
  })

  it("leaves out empty parts, so a country alone is one line", () => {
    expect(addressLines(address({ country_code: "jp" }))).toEqual(["Japan"])
    expect(addressLines(address({ last_name: "Lovelace", city: "Kuwait City", first_name: " ", country_code: "kw" }))).toEqual([
      "Lovelace",
      "Kuwait City",
      "Kuwait",
    ])
  })

  it("names a country code the browser does not know, or cannot read, by the code", () => {
    expect(countryName("xx")).toBe("XX")
    expect(countryName("u")).toBe("U")
  })
})

describe("a bag's shipping method in the admin", () => {
  it("says when a bag has none", () => {
    expect(formatShippingMethod(null, "usd")).toBe("No shipping method")
  })

  it("gives the method's name and price in the currency's digits", () => {
    expect(formatShippingMethod({ option_id: "so_1", name: "Standard", amount: 5, is_tax_inclusive: false }, "usd")).toBe(
      "Standard · 5.00 USD"
    )
    expect(formatShippingMethod({ option_id: "so_1", name: "Express", amount: 0.499, is_tax_inclusive: false }, "kwd")).toBe(
      "Express · 0.499 KWD"
    )
  })

  it("marks a tax-inclusive price", () => {
    expect(formatShippingMethod({ option_id: "so_1", name: "Flat", amount: 499, is_tax_inclusive: true }, "jpy")).toBe(
      "Flat · 499 JPY incl. tax"
    )
  })
})

describe("a discount's target and shipping shares in the admin", () => {
  it("names what a discount takes from", () => {
    expect(targetTypeLabel("items")).toBe("Items")
    expect(targetTypeLabel("shipping_methods")).toBe("Shipping")
  })

  it("lists a shipping code's share of each bag, in bag order", () => {
    const shares = [
      { merchant_id: "acme", amount: 4.99 },
      { merchant_id: "globex", amount: 2.5 },
    ]
    expect(shippingAllocationLines({ shipping_allocations: shares }, "usd")).toEqual([
      "Merchant acme: −4.99 USD",
      "Merchant globex: −2.50 USD",
    ])
    expect(shippingAllocationLines({ shipping_allocations: [] }, "usd")).toEqual([])
  })

  it("names each bag's merchant by the name the session gives it (a seller's), else by its id", () => {
    const bags = [
      { merchant_id: "sel_01", merchant_name: "Ada's Shop" },
      { merchant_id: "house", merchant_name: null },
    ]
    expect(merchantName("sel_01", bags)).toBe("Ada's Shop")
    expect(merchantName("house", bags)).toBe("house")
    expect(merchantName("gone", bags)).toBe("gone")
    const shares = [
      { merchant_id: "sel_01", amount: 4.99 },
      { merchant_id: "house", amount: 1 },
    ]
    expect(shippingAllocationLines({ shipping_allocations: shares }, "usd", bags)).toEqual([
      "Merchant Ada's Shop: −4.99 USD",
      "Merchant house: −1.00 USD",
    ])
  })
})

describe("the tax of a bag or a session in the admin", () => {
  const inclusive = { is_tax_inclusive: true }
  const exclusive = { is_tax_inclusive: false }

  it("is added where every price excludes it, or there is nothing priced", () => {
    expect(taxInclusion([exclusive, exclusive], [exclusive, null])).toBe("added")
    expect(taxInclusion([], [null])).toBe("added")
  })

  it("is included where every price holds it, a bag without a method too", () => {
    expect(taxInclusion([inclusive], [inclusive])).toBe("included")
    expect(taxInclusion([inclusive, inclusive], [null])).toBe("included")
  })

  it("is partly included where lines and methods differ", () => {
    expect(taxInclusion([inclusive], [exclusive])).toBe("partly included")
    expect(taxInclusion([exclusive, inclusive], [])).toBe("partly included")
  })

  it("says so beside the amount unless it is added", () => {
    expect(formatTax(1.23, "usd", "added")).toBe("1.23 USD")
    expect(formatTax(45, "jpy", "included")).toBe("45 JPY (included)")
    expect(formatTax(0.105, "kwd", "partly included")).toBe("0.105 KWD (partly included)")
  })

  it("splits a bag's tax into its items' and its shipping's", () => {
    expect(formatTax(1.23, "usd", "added", { items: 1, shipping: 0.23 })).toBe(
      "1.23 USD (items 1.00 USD, shipping 0.23 USD)"
    )
    expect(formatTax(45, "jpy", "included", { items: 40, shipping: 5 })).toBe(
      "45 JPY (included; items 40 JPY, shipping 5 JPY)"
    )
  })
})
