import { parsePluginOptions, PluginOptionsError, validatePluginOptionsLoader } from "../plugin-options"

describe("plugin options", () => {
  it("fills the documented defaults when no options are given", () => {
    expect(parsePluginOptions(undefined)).toEqual({
      merchantMetadataKey: "merchant_id",
      defaultMerchantId: "default",
      maxCodesPerSession: 5,
      maxLineQuantity: 1000,
      linePricesMaxAgeSeconds: 600,
      sessionLifetimeMinutes: 10_080,
      registerHooks: true,
      ruleAttributes: [],
    })
  })

  it("keeps valid options as given", () => {
    const options = {
      merchantMetadataKey: "vendor",
      defaultMerchantId: "house",
      maxCodesPerSession: 3,
      maxLineQuantity: 20,
      linePricesMaxAgeSeconds: 0,
      sessionLifetimeMinutes: 60,
      registerHooks: false,
      pricingContext: () => ({ storefront: "web" }),
      ruleAttributes: [
        {
          name: "custom.first_order",
          kind: "shopper" as const,
          value_type: "boolean" as const,
          label: "first order",
          resolve: () => true,
        },
      ],
    }
    const parsed = parsePluginOptions(options)
    expect(parsed).toEqual(options)
    expect(parsed.pricingContext).toBe(options.pricingContext)
  })

  it("refuses a store's own rule attribute that is declared wrongly, naming it", () => {
    const declared = (name: string) => ({ name, kind: "shopper", value_type: "boolean", label: "first order", resolve: () => true })
    expect(() => parsePluginOptions({ ruleAttributes: [declared("first_order")] })).toThrow(
      /"ruleAttributes": A store's own rule attribute is named custom\.<lower_case_words>, got "first_order"/
    )
    expect(() => parsePluginOptions({ ruleAttributes: [declared("custom.vip"), declared("custom.vip")] })).toThrow(
      /Rule attribute custom\.vip is already registered/
    )
    expect(() => parsePluginOptions({ ruleAttributes: [{ ...declared("custom.vip"), resolve: "yes" }] })).toThrow(
      /"ruleAttributes\.0": must be an attribute declaration with a resolve function/
    )
  })

  it("ignores the database options the host adds to every module", () => {
    expect(parsePluginOptions({ database: { clientUrl: "x" } }).maxCodesPerSession).toBe(5)
  })

  it("refuses an unknown option and names it", () => {
    expect(() => parsePluginOptions({ maxCodesPerSesion: 3 })).toThrow(PluginOptionsError)
    expect(() => parsePluginOptions({ maxCodesPerSesion: 3 })).toThrow(/"maxCodesPerSesion"/)
  })

  it("refuses a wrong-typed option and names the field", () => {
    expect(() => parsePluginOptions({ maxCodesPerSession: "5" })).toThrow(/"maxCodesPerSession"/)
    expect(() => parsePluginOptions({ maxCodesPerSession: 0 })).toThrow(/"maxCodesPerSession"/)
    expect(() => parsePluginOptions({ merchantMetadataKey: "" })).toThrow(/"merchantMetadataKey"/)
    expect(() => parsePluginOptions({ maxLineQuantity: 2.5 })).toThrow(/"maxLineQuantity"/)
    expect(() => parsePluginOptions({ sessionLifetimeMinutes: 0 })).toThrow(/"sessionLifetimeMinutes"/)
    expect(() => parsePluginOptions({ registerHooks: "no" })).toThrow(/"registerHooks"/)
    expect(() => parsePluginOptions({ pricingContext: { storefront: "web" } })).toThrow(/"pricingContext": must be a function/)
  })
})

describe("the merchant link option", () => {
  it("fills the linked entity's id and name fields and keeps the metadata key's default beside it", () => {
    expect(parsePluginOptions({ merchantLink: { entity: "seller" } })).toMatchObject({
      merchantLink: { entity: "seller", idField: "id", nameField: "name" },
      merchantMetadataKey: "merchant_id",
    })
    expect(parsePluginOptions({ merchantLink: { entity: "vendor", idField: "handle", nameField: "store_name" } }).merchantLink).toEqual({
      entity: "vendor",
      idField: "handle",
      nameField: "store_name",
    })
  })

  it("refuses it beside merchantMetadataKey: a product's merchant comes from one of them", () => {
    expect(() => parsePluginOptions({ merchantLink: { entity: "seller" }, merchantMetadataKey: "vendor" })).toThrow(
      /"merchantLink": give merchantLink or merchantMetadataKey, not both/
    )
  })

  it("refuses a link without an entity, a name query.graph cannot know, or an unknown key, naming it", () => {
    expect(() => parsePluginOptions({ merchantLink: {} })).toThrow(/"merchantLink\.entity": Invalid input: expected string, received undefined/)
    expect(() => parsePluginOptions({ merchantLink: { entity: "seller.name" } })).toThrow(
      /"merchantLink\.entity": must be a name as query\.graph knows it/
    )
    expect(() => parsePluginOptions({ merchantLink: { entity: "seller", nameField: "" } })).toThrow(/"merchantLink\.nameField"/)
    expect(() => parsePluginOptions({ merchantLink: { entity: "seller", field: "id" } })).toThrow(
      /unknown option\(s\) "field" in "merchantLink"/
    )
    expect(() => parsePluginOptions({ merchantLink: "seller" })).toThrow(/"merchantLink": Invalid input: expected object, received string/)
  })
})

describe("the modules' options loader", () => {
  it("stop the module from loading when the options are wrong", async () => {
    await expect(
      validatePluginOptionsLoader({ options: { defaultMerchantId: 42 } } as any)
    ).rejects.toThrow(/"defaultMerchantId"/)
    await expect(validatePluginOptionsLoader({ options: {} } as any)).resolves.toBeUndefined()
  })
})
