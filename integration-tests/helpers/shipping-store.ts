import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import { PER_ITEM_PROVIDER_ID, PerItemRates } from "../hosts/per-item-fulfillment/service"
import { payAndComplete, storeShippingOption } from "./checkout"
import { cartSessionRequests, createProducts, createStorefront, Storefront } from "./store"

// A store that ships and taxes per merchant, built through the host's own workflows and
// modules, for tests of shipping and tax (host facts, cart sessions). What it holds, with the
// default numbers (SHIPPING_STORE_REGIONS, SHIPPING_STORE_MERCHANTS):
//
// - three regions, each with one country, `pp_system_default` and automatic taxes:
//   USD (us, tax-exclusive, 8.875%; province us-ca 7.25%), JPY (jp, tax-INCLUSIVE prices, 10%),
//   KWD (kw, tax-exclusive, 5%; three decimals);
// - one sales channel with a publishable key (the store's default region is USD);
// - three merchants (products' metadata.merchant_id), each with its own shipping profile and
//   its products on it, priced in the three currencies with amounts that do not round evenly;
//   a tax-inclusive region's prices (products and flat options) are prices of that region
//   (a `region_id` rule): the host applies a region's price preference to those only, and a
//   price by currency alone stays tax-exclusive there (docs/host-facts.md);
// - one stock location (the channel's; fulfillment providers manual_manual and per-item_test),
//   a fulfillment set "Delivery" with one service zone for us, jp and kw;
// - per merchant, three options on its own profile, shown in the store (enabled_in_store,
//   not is_return): `flat`, `freeOver` (a default amount, and 0 when the cart's item_total is
//   at least `freeFrom`) and `calculated` (the test host's per-item provider:
//   `base + per_unit × units` of the lines the host gives it).
//
// The calculated options need the per-item provider, which ./host has only when booted by jest
// (NODE_ENV=test, see host/medusa-config.ts). On another host pass `{ calculated: false }`.

export type ShippingCurrency = "usd" | "jpy" | "kwd"
export const SHIPPING_CURRENCIES: ShippingCurrency[] = ["usd", "jpy", "kwd"]

/** An amount per currency, in the currency's major unit as the host stores it (34.11 USD, 3411 JPY). */
export type Amounts = Record<ShippingCurrency, number>

export type ShippingRegionSpec = {
  country: string
  /** Prices in the region include tax (the host's price preference `region_id`, `is_tax_inclusive`). */
  taxInclusive: boolean
  /** The country's default tax rate, in percent. */
  taxRate: number
  /** Tax rates of provinces (ISO 3166-2, lower case: "us-ca"), in percent. */
  provinceRates?: Record<string, number>
}

export const SHIPPING_STORE_REGIONS: Record<ShippingCurrency, ShippingRegionSpec> = {
  usd: { country: "us", taxInclusive: false, taxRate: 8.875, provinceRates: { "us-ca": 7.25 } },
  jpy: { country: "jp", taxInclusive: true, taxRate: 10 },
  kwd: { country: "kw", taxInclusive: false, taxRate: 5 },
}

export type ShippingMerchantSpec = {
  id: string
  products: { title: string; prices: Amounts }[]
  flat: Amounts
  /** `amounts` below `freeFrom`; 0 from it on (the whole cart's item_total, as the host judges). */
  freeOver: { amounts: Amounts; freeFrom: Amounts }
  /** The calculated option's data (PerItemRates): per currency, `base + per_unit × units`. */
  calculated: PerItemRates["rates"]
}

const perItem = (base: number, per_unit: number, tax_inclusive = false) => ({ base, per_unit, tax_inclusive })

export const SHIPPING_STORE_MERCHANTS: ShippingMerchantSpec[] = [
  {
    id: "acme",
    products: [
      { title: "Acme lamp", prices: { usd: 34.11, jpy: 3411, kwd: 3.411 } },
      { title: "Acme bulb", prices: { usd: 5.05, jpy: 505, kwd: 0.505 } },
    ],
    flat: { usd: 4.99, jpy: 499, kwd: 0.499 },
    freeOver: { amounts: { usd: 9.99, jpy: 999, kwd: 0.999 }, freeFrom: { usd: 50, jpy: 5000, kwd: 5 } },
    calculated: { usd: perItem(2.5, 1.25), jpy: perItem(250, 125, true), kwd: perItem(0.25, 0.125) },
  },
  {
    id: "bolt",
    products: [{ title: "Bolt kettle", prices: { usd: 21.99, jpy: 2199, kwd: 2.199 } }],
    flat: { usd: 6.49, jpy: 649, kwd: 0.649 },
    freeOver: { amounts: { usd: 8.88, jpy: 888, kwd: 0.888 }, freeFrom: { usd: 50, jpy: 5000, kwd: 5 } },
    calculated: { usd: perItem(2.5, 1.25), jpy: perItem(250, 125, true), kwd: perItem(0.25, 0.125) },
  },
  {
    id: "cobalt",
    products: [{ title: "Cobalt mug", prices: { usd: 7.77, jpy: 777, kwd: 0.777 } }],
    flat: { usd: 3.33, jpy: 333, kwd: 0.333 },
    freeOver: { amounts: { usd: 7.01, jpy: 701, kwd: 0.701 }, freeFrom: { usd: 50, jpy: 5000, kwd: 5 } },
    calculated: { usd: perItem(2.5, 1.25), jpy: perItem(250, 125, true), kwd: perItem(0.25, 0.125) },
  },
]

export type ShippingStoreRegion = ShippingRegionSpec & {
  id: string
  currency_code: ShippingCurrency
  /** The tax region of the country (provider tp_system). */
  taxRegionId: string
}

export type ShippingStoreProduct = {
  productId: string
  variantId: string
  title: string
  merchantId: string
  prices: Amounts
}

export type FlatShippingOption = { kind: "flat"; id: string; name: string; amounts: Amounts }
export type FreeOverShippingOption = { kind: "free_over"; id: string; name: string } & ShippingMerchantSpec["freeOver"]
export type CalculatedShippingOption = {
  kind: "calculated"
  id: string
  name: string
  rates: ShippingMerchantSpec["calculated"]
}

export type ShippingStoreMerchant = {
  id: string
  shippingProfileId: string
  products: ShippingStoreProduct[]
  options: { flat: FlatShippingOption; freeOver: FreeOverShippingOption; calculated?: CalculatedShippingOption }
}

/** What createShippingStore made: a Storefront (use it wherever one is taken) and the rest by name. */
export type ShippingStore = Storefront & {
  regions: Record<ShippingCurrency, ShippingStoreRegion>
  stockLocationId: string
  fulfillmentSetId: string
  serviceZoneId: string
  /** By merchant id, in the order given. */
  merchants: Record<string, ShippingStoreMerchant>
  /** Every product of every merchant, merchant by merchant. */
  products: ShippingStoreProduct[]
}

export type ShippingStoreOptions = {
  /** The sales channel's name (and the regions' names' prefix). */
  name?: string
  /** The merchants, their products, options and amounts; default SHIPPING_STORE_MERCHANTS. */
  merchants?: ShippingMerchantSpec[]
  /** false: no calculated options (a host without the per-item provider). Default true. */
  calculated?: boolean
}

/** The tax-regions system provider's id (tax module: `tp_<identifier>`). */
export const SYSTEM_TAX_PROVIDER_ID = "tp_system"

/** Builds the store described at the top of this file; see ShippingStore for what it returns. */
export async function createShippingStore(
  container: MedusaContainer,
  { name = "Shipping shop", merchants = SHIPPING_STORE_MERCHANTS, calculated = true }: ShippingStoreOptions = {}
): Promise<ShippingStore> {
  const storefront = await createStorefront(container, {
    name,
    currencies: SHIPPING_CURRENCIES,
    countries: Object.fromEntries(SHIPPING_CURRENCIES.map((currency) => [currency, [SHIPPING_STORE_REGIONS[currency].country]])),
    taxInclusive: SHIPPING_CURRENCIES.filter((currency) => SHIPPING_STORE_REGIONS[currency].taxInclusive),
  })
  const regions = await createTaxRegions(container, storefront)
  const { stockLocationId, fulfillmentSetId, serviceZoneId } = await createShippingLocation(
    container,
    storefront.salesChannelId,
    calculated
  )

  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: merchants.map((merchant) => ({ name: `${merchant.id} parcels`, type: "default" })) },
  })
  const created: Record<string, ShippingStoreMerchant> = {}
  for (const [index, merchant] of merchants.entries()) {
    const shippingProfileId = profiles[index].id
    const products = await createProducts(
      container,
      merchant.products.map((product) => ({
        title: product.title,
        merchant: merchant.id,
        prices: Object.fromEntries(
          SHIPPING_CURRENCIES.filter((currency) => !regions[currency].taxInclusive).map((currency) => [currency, product.prices[currency]])
        ),
        regionPrices: SHIPPING_CURRENCIES.filter((currency) => regions[currency].taxInclusive).map((currency) => ({
          region_id: regions[currency].id,
          currency_code: currency,
          amount: product.prices[currency],
        })),
        salesChannelIds: [storefront.salesChannelId],
        shippingProfileId,
      }))
    )
    created[merchant.id] = {
      id: merchant.id,
      shippingProfileId,
      products: products.map((product, at) => ({ ...product, merchantId: merchant.id, prices: merchant.products[at].prices })),
      options: await createMerchantOptions(container, merchant, { regions, serviceZoneId, shippingProfileId, calculated }),
    }
  }
  return {
    ...storefront,
    regions,
    stockLocationId,
    fulfillmentSetId,
    serviceZoneId,
    merchants: created,
    products: Object.values(created).flatMap((merchant) => merchant.products),
  }
}

async function createTaxRegions(container: MedusaContainer, storefront: Storefront) {
  const { result: countryRegions } = await createTaxRegionsWorkflow(container).run({
    input: SHIPPING_CURRENCIES.map((currency) => ({
      country_code: SHIPPING_STORE_REGIONS[currency].country,
      provider_id: SYSTEM_TAX_PROVIDER_ID,
      default_tax_rate: {
        rate: SHIPPING_STORE_REGIONS[currency].taxRate,
        code: `${currency}-default`,
        name: `${SHIPPING_STORE_REGIONS[currency].country.toUpperCase()} tax`,
      },
    })),
  })
  const provinces = SHIPPING_CURRENCIES.flatMap((currency, index) =>
    Object.entries(SHIPPING_STORE_REGIONS[currency].provinceRates ?? {}).map(([province_code, rate]) => ({
      country_code: SHIPPING_STORE_REGIONS[currency].country,
      province_code,
      parent_id: countryRegions[index].id,
      default_tax_rate: { rate, code: `${province_code}-default`, name: `${province_code.toUpperCase()} tax` },
    }))
  )
  if (provinces.length) {
    await createTaxRegionsWorkflow(container).run({ input: provinces })
  }
  return Object.fromEntries(
    SHIPPING_CURRENCIES.map((currency, index) => [
      currency,
      {
        ...SHIPPING_STORE_REGIONS[currency],
        id: storefront.regionIds[currency],
        currency_code: currency,
        taxRegionId: countryRegions[index].id,
      },
    ])
  ) as Record<ShippingCurrency, ShippingStoreRegion>
}

/** The channel's stock location, its fulfillment providers, and one service zone for every region's country. */
async function createShippingLocation(container: MedusaContainer, salesChannelId: string, calculated: boolean) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({ input: { locations: [{ name: "Central warehouse" }] } })
  const providers = ["manual_manual", ...(calculated ? [PER_ITEM_PROVIDER_ID] : [])]
  await link.create(
    providers.map((fulfillment_provider_id) => ({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id },
    }))
  )
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannelId] } })
  const fulfillmentSet = await container.resolve(Modules.FULFILLMENT).createFulfillmentSets({
    name: "Delivery",
    type: "shipping",
    service_zones: [
      {
        name: "Every region",
        geo_zones: SHIPPING_CURRENCIES.map((currency) => ({
          type: "country" as const,
          country_code: SHIPPING_STORE_REGIONS[currency].country,
        })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  return { stockLocationId: location.id, fulfillmentSetId: fulfillmentSet.id, serviceZoneId: fulfillmentSet.service_zones[0].id }
}

/** A shipping option's price per currency: a tax-inclusive region's as a price of that region, the others by currency. */
const optionPrices = (regions: Record<ShippingCurrency, ShippingStoreRegion>, amounts: Amounts) =>
  SHIPPING_CURRENCIES.map((currency) =>
    regions[currency].taxInclusive
      ? { region_id: regions[currency].id, amount: amounts[currency] }
      : { currency_code: currency, amount: amounts[currency] }
  )

async function createMerchantOptions(
  container: MedusaContainer,
  merchant: ShippingMerchantSpec,
  {
    regions,
    serviceZoneId,
    shippingProfileId,
    calculated,
  }: {
    regions: Record<ShippingCurrency, ShippingStoreRegion>
    serviceZoneId: string
    shippingProfileId: string
    calculated: boolean
  }
): Promise<ShippingStoreMerchant["options"]> {
  const names = {
    flat: `${merchant.id} standard`,
    freeOver: `${merchant.id} free over`,
    calculated: `${merchant.id} per item`,
  }
  const common = { serviceZoneId, profileId: shippingProfileId }
  const { result } = await createShippingOptionsWorkflow(container).run({
    input: [
      storeShippingOption({
        ...common,
        name: names.flat,
        type: { label: "Standard", description: "A flat amount.", code: "flat" },
        prices: optionPrices(regions, merchant.flat),
      }),
      storeShippingOption({
        ...common,
        name: names.freeOver,
        type: { label: "Free over", description: "Free from an item total on.", code: "free-over" },
        prices: [
          ...optionPrices(regions, merchant.freeOver.amounts),
          ...optionPrices(regions, { usd: 0, jpy: 0, kwd: 0 }).map((price, at) => ({
            ...price,
            rules: [{ attribute: "item_total", operator: "gte", value: merchant.freeOver.freeFrom[SHIPPING_CURRENCIES[at]] }],
          })),
        ],
      }),
      ...(calculated
        ? [
            storeShippingOption({
              ...common,
              name: names.calculated,
              type: { label: "Per item", description: "A base plus an amount per unit.", code: "per-item" },
              priceType: "calculated",
              providerId: PER_ITEM_PROVIDER_ID,
              data: { id: "per-item", rates: merchant.calculated },
            }),
          ]
        : []),
    ],
  })
  const idOf = (optionName: string) => result.find((option) => option.name === optionName)!.id
  return {
    flat: { kind: "flat", id: idOf(names.flat), name: names.flat, amounts: merchant.flat },
    freeOver: { kind: "free_over", id: idOf(names.freeOver), name: names.freeOver, ...merchant.freeOver },
    ...(calculated
      ? { calculated: { kind: "calculated", id: idOf(names.calculated), name: names.calculated, rates: merchant.calculated } }
      : {}),
  }
}

/**
 * A shopper of the shipping store through the store API: sessions of the three merchants, an address in a
 * region, a method per bag, and the order a converted cart completes into, read back with its shipping
 * methods, their adjustments and tax lines.
 */
export function shippingShopper(api: any, getContainer: () => MedusaContainer, store: () => ShippingStore) {
  const { create, get, post } = cartSessionRequests(api, () => store().anonymous)
  return {
    create,
    get,
    post,
    setAddress: (id: string, currency: ShippingCurrency, extra: Record<string, unknown> = {}) =>
      post(id, {
        email: "shopper@example.com",
        shipping_address: { country_code: store().regions[currency].country, first_name: "Ada", city: "Springfield", ...extra },
      }),
    setMethod: (id: string, merchant_id: string, option_id: string) => post(`${id}/shipping-methods`, { merchant_id, option_id }),

    /** A session of a lamp (acme), `kettles` kettles (bolt) and a mug (cobalt): each bag under 50, the session over it. */
    sessionOfThree: async (currency: ShippingCurrency, kettles = 1) => {
      const { acme, bolt, cobalt } = store().merchants
      return await create({
        region_id: store().regionIds[currency],
        items: [
          { variant_id: acme.products[0].variantId, quantity: 1 },
          { variant_id: bolt.products[0].variantId, quantity: kettles },
          { variant_id: cobalt.products[0].variantId, quantity: 1 },
        ],
      })
    },

    completeCart: async (cartId: string) => {
      const { data } = (await payAndComplete(api, cartId, store().anonymous)).completed
      if (data.type !== "order") throw new Error(`cart ${cartId} did not complete: ${JSON.stringify(data)}`)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const {
        data: [order],
      } = await query.graph({
        entity: "order",
        filters: { id: data.order.id },
        fields: [
          "id", "item_subtotal", "item_total", "discount_total", "shipping_subtotal", "shipping_total",
          "shipping_discount_total", "discount_subtotal", "tax_total", "total", "shipping_methods.*",
          "shipping_methods.adjustments.*", "shipping_methods.tax_lines.*",
        ],
      })
      return JSON.parse(JSON.stringify(order))
    },
  }
}
