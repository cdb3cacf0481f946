import { merchantOfProduct, merchantProductFields } from "../merchant-source"

const byMetadata = { merchantMetadataKey: "vendor", defaultMerchantId: "house" }
const byLink = {
  merchantMetadataKey: "merchant_id",
  defaultMerchantId: "house",
  merchantLink: { entity: "seller", idField: "id", nameField: "name" },
}

describe("the merchant of a product", () => {
  it("is read from the metadata key, trimmed, else the fallback merchant", () => {
    expect(merchantOfProduct({ metadata: { vendor: " acme " } }, byMetadata)).toEqual({ id: "acme", name: null })
    expect(merchantOfProduct({ metadata: { vendor: 7 } }, byMetadata)).toEqual({ id: "7", name: null })
    expect(merchantOfProduct({ metadata: { vendor: "  " } }, byMetadata)).toEqual({ id: "house", name: null })
    expect(merchantOfProduct({ metadata: null }, byMetadata)).toEqual({ id: "house", name: null })
    expect(merchantProductFields(byMetadata)).toEqual([])
  })

  it("is the linked entity through merchantLink, with its name; the metadata key is not read then", () => {
    expect(merchantProductFields(byLink)).toEqual(["seller.id", "seller.name"])
    expect(merchantOfProduct({ metadata: { merchant_id: "acme" }, seller: { id: "sel_1", name: " Ada's Shop " } }, byLink)).toEqual({
      id: "sel_1",
      name: "Ada's Shop",
    })
    expect(merchantOfProduct({ metadata: { merchant_id: "acme" }, seller: null }, byLink)).toEqual({ id: "house", name: null })
    expect(merchantOfProduct({ metadata: null }, byLink)).toEqual({ id: "house", name: null })
    expect(merchantOfProduct({ seller: { id: "sel_2", name: "" } }, byLink)).toEqual({ id: "sel_2", name: null })
  })

  it("reads the fields the option names", () => {
    const options = { ...byLink, merchantLink: { entity: "vendor", idField: "handle", nameField: "store_name" } }
    expect(merchantProductFields(options)).toEqual(["vendor.handle", "vendor.store_name"])
    expect(merchantOfProduct({ vendor: { id: "v_1", handle: "bolt", store_name: "Bolt" } }, options)).toEqual({ id: "bolt", name: "Bolt" })
    expect(merchantOfProduct({ vendor: { id: "v_1", store_name: "Bolt" } }, options)).toEqual({ id: "house", name: null })
  })

  it("takes the lowest id when the store's link gives a product several, so every read gives the same bag", () => {
    const product = { seller: [null, { id: "sel_b", name: "B" }, { id: "sel_a", name: "A" }] }
    expect(merchantOfProduct(product, byLink)).toEqual({ id: "sel_a", name: "A" })
    expect(merchantOfProduct({ seller: [] }, byLink)).toEqual({ id: "house", name: null })
  })
})
