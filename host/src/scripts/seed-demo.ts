import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateProductsWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export const DEMO_PUBLISHABLE_KEY_TITLE = "Checkout discounts demo storefront"

type DemoProduct = {
  title: string
  merchant?: string
  addOn?: boolean
  prices: { usd: number; eur: number }
}

// Three merchants plus house products (no merchant: the plugin's fallback).
// 299.97 and 24.99 are SPEC §2's worked example; 11.37 is typed as the host
// sometimes stores it.
const DEMO_PRODUCTS: DemoProduct[] = [
  { title: "Trail tent", merchant: "acme", prices: { usd: 299.97, eur: 279 } },
  { title: "Camp mug", merchant: "acme", prices: { usd: 24.99, eur: 22.5 } },
  { title: "Gift wrap", merchant: "acme", addOn: true, prices: { usd: 4.99, eur: 4.5 } },
  { title: "Espresso beans", merchant: "globex", prices: { usd: 11.370000000000001, eur: 10.9 } },
  { title: "Pour-over kettle", merchant: "globex", prices: { usd: 45.5, eur: 42 } },
  { title: "TPS report handbook", merchant: "initech", prices: { usd: 19.99, eur: 18.99 } },
  { title: "Store tote bag", prices: { usd: 9.99, eur: 8.99 } },
]

const DEMO_COUPONS = [
  { code: "SAVE10", name: "10% off everything", value_type: "percentage", value: 10 },
  { code: "ACME5", name: "5 USD off at Acme", merchant_id: "acme", value_type: "fixed", value: 5, currency_code: "usd" },
  {
    code: "GLOBEX15",
    name: "15% off at Globex, not with other codes",
    merchant_id: "globex",
    value_type: "percentage",
    value: 15,
    combinable: false,
  },
  {
    code: "BIGBASKET",
    name: "20 EUR off from 100 EUR",
    value_type: "fixed",
    value: 20,
    currency_code: "eur",
    min_subtotal: 100,
  },
  { code: "FIRST100", name: "First 100 shoppers", value_type: "percentage", value: 5, usage_limit: 100, usage_limit_per_customer: 1 },
]

const DEMO_REGION_NAMES = ["United States", "Europe"]
const DEMO_FULFILLMENT_SET_NAME = "Demo delivery"

type Amounts = { usd: number; eur: number }

/** A shipping option's rules that offer it to shoppers (shown in the store, not for returns). */
const STORE_OPTION_RULES = [
  { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
  { attribute: "is_return", value: "false", operator: "eq" as const },
]

/**
 * Each merchant ships its own products: a profile of its own and, on it, a flat option and one
 * that is free from an item total on (as the host judges a cart's `item_total`, tax included;
 * the plugin judges each bag's alone). House products stay on the default profile with
 * "Standard shipping".
 */
const DEMO_MERCHANT_SHIPPING: { merchant: string; label: string; flat: Amounts; freeOver: Amounts; freeFrom: Amounts }[] = [
  { merchant: "acme", label: "Acme", flat: { usd: 6.95, eur: 6.5 }, freeOver: { usd: 9.95, eur: 9 }, freeFrom: { usd: 100, eur: 90 } },
  { merchant: "globex", label: "Globex", flat: { usd: 4.99, eur: 4.5 }, freeOver: { usd: 5.99, eur: 5.5 }, freeFrom: { usd: 50, eur: 45 } },
  { merchant: "initech", label: "Initech", flat: { usd: 3.49, eur: 3.2 }, freeOver: { usd: 4.49, eur: 4 }, freeFrom: { usd: 30, eur: 28 } },
]

/** Default tax rates of the demo's countries (tax provider tp_system), in percent. */
const DEMO_TAX_RATES: Record<string, { rate: number; name: string }> = {
  us: { rate: 8.875, name: "Sales tax" },
  de: { rate: 19, name: "Mehrwertsteuer" },
  fr: { rate: 20, name: "TVA" },
  nl: { rate: 21, name: "btw" },
}

/** Coupons of shipping (target_type "shipping_methods"): 100% off is free shipping. */
const DEMO_SHIPPING_COUPONS = [
  {
    code: "FREESHIP",
    name: "Free shipping at Globex",
    merchant_id: "globex",
    value_type: "percentage",
    value: 100,
    target_type: "shipping_methods",
  },
]

/**
 * Seeds the demo store: once its regions, shipping, a publishable key, products and coupons
 * (skipped when the demo's key exists); then, found or created piece by piece, so a store
 * seeded before has them after one more run, each merchant's shipping, the tax rates and the
 * shipping coupons.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const apiKeys = container.resolve(Modules.API_KEY)

  const [existingKey] = await apiKeys.listApiKeys({ title: DEMO_PUBLISHABLE_KEY_TITLE })
  if (existingKey) {
    logger.info("Demo data already seeded; checking its shipping and tax.")
  } else {
    await seedStore(container)
  }
  await seedTaxes(container)
  await seedMerchantShipping(container)
  await seedShippingCoupons(container)
}

async function seedStore(container: ExecArgs["container"]) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  let [salesChannel] = await salesChannels.listSalesChannels({ name: "Default Sales Channel" })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    salesChannel = result[0]
  }

  const [store] = await container.resolve(Modules.STORE).listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [
          { currency_code: "usd", is_default: true },
          { currency_code: "eur" },
        ],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: DEMO_REGION_NAMES[0],
          currency_code: "usd",
          countries: ["us"],
          automatic_taxes: true,
          payment_providers: ["pp_system_default"],
        },
        {
          name: DEMO_REGION_NAMES[1],
          currency_code: "eur",
          countries: ["de", "fr", "nl"],
          automatic_taxes: true,
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  await updateStoresWorkflow(container).run({
    input: { selector: { id: store.id }, update: { default_region_id: regions[0].id } },
  })

  const { result: stockLocations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [{ name: "Demo warehouse", address: { address_1: "1 Demo street", city: "Berlin", country_code: "DE" } }],
    },
  })
  const stockLocation = stockLocations[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: stockLocation.id, add: [salesChannel.id] },
  })

  const fulfillment = container.resolve(Modules.FULFILLMENT)
  let [shippingProfile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfile = result[0]
  }
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: DEMO_FULFILLMENT_SET_NAME,
    type: "shipping",
    service_zones: [
      {
        name: "Demo zones",
        geo_zones: ["us", "de", "fr", "nl"].map((country_code) => ({ type: "country" as const, country_code })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: "Standard", description: "Ships in 2-3 days.", code: "standard" },
        prices: [
          { currency_code: "usd", amount: 5 },
          { currency_code: "eur", amount: 5 },
          ...regions.map((region) => ({ region_id: region.id, amount: 5 })),
        ],
        rules: STORE_OPTION_RULES,
      },
    ],
  })

  await createProductsWorkflow(container).run({
    input: {
      products: DEMO_PRODUCTS.map((product) => ({
        title: product.title,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: shippingProfile.id,
        metadata: {
          ...(product.merchant ? { merchant_id: product.merchant } : {}),
          ...(product.addOn ? { add_on: true } : {}),
        },
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title: "Default",
            sku: product.title.toUpperCase().replace(/[^A-Z0-9]+/g, "-"),
            manage_inventory: false,
            options: { Default: "Default" },
            prices: [
              { currency_code: "usd", amount: product.prices.usd },
              { currency_code: "eur", amount: product.prices.eur },
            ],
          },
        ],
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: DEMO_PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: keys[0].id, add: [salesChannel.id] },
  })

  // The plugin's coupon module, as the store's own scripts may use it.
  const coupons = container.resolve<any>("coupon")
  await coupons.createCoupons(DEMO_COUPONS)

  const { data: seededProducts } = await query.graph({ entity: "product", fields: ["id"] })
  logger.info(
    `Demo data seeded: ${regions.length} regions, ${seededProducts.length} products, ${DEMO_COUPONS.length} coupons.`
  )
}

/** The demo regions tax automatically, and each of their countries has a default rate. */
async function seedTaxes(container: ExecArgs["container"]) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const regions = await container.resolve(Modules.REGION).listRegions({ name: { $in: DEMO_REGION_NAMES } })
  const manual = regions.filter((region) => !region.automatic_taxes)
  for (const region of manual) {
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: region.id }, update: { automatic_taxes: true } },
    })
  }

  const taxes = container.resolve(Modules.TAX)
  const countries = Object.keys(DEMO_TAX_RATES)
  // Countries' tax regions, not their provinces'.
  const taxRegions = (await taxes.listTaxRegions({ country_code: countries })).filter((region) => !region.parent_id)
  const defaultRates = await taxes.listTaxRates({ tax_region_id: taxRegions.map((region) => region.id) })
  const missingRegions = countries.filter((country) => !taxRegions.some((region) => region.country_code === country))
  if (missingRegions.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missingRegions.map((country_code) => ({
        country_code,
        provider_id: "tp_system",
        default_tax_rate: { ...DEMO_TAX_RATES[country_code], code: `${country_code}-default` },
      })),
    })
  }
  const withoutRate = taxRegions.filter(
    (region) => !defaultRates.some((rate) => rate.tax_region_id === region.id && rate.is_default)
  )
  if (withoutRate.length) {
    await createTaxRatesWorkflow(container).run({
      input: withoutRate.map((region) => ({
        tax_region_id: region.id,
        ...DEMO_TAX_RATES[region.country_code!],
        code: `${region.country_code}-default`,
        is_default: true,
      })),
    })
  }
  if (manual.length || missingRegions.length || withoutRate.length) {
    logger.info(
      `Demo taxes: ${manual.length} regions now tax automatically, ${missingRegions.length + withoutRate.length} countries got a default rate.`
    )
  }
}

/** Each merchant's products on a profile of its own, with a flat and a free-over option on it. */
async function seedMerchantShipping(container: ExecArgs["container"]) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [fulfillmentSet] = await fulfillment.listFulfillmentSets(
    { name: DEMO_FULFILLMENT_SET_NAME },
    { relations: ["service_zones"] }
  )
  const serviceZoneId = fulfillmentSet.service_zones[0].id
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "metadata", "shipping_profile.id"],
  })

  let moved = 0
  let created = 0
  for (const shipping of DEMO_MERCHANT_SHIPPING) {
    const profileName = `${shipping.label} parcels`
    let [profile] = await fulfillment.listShippingProfiles({ name: profileName })
    if (!profile) {
      const { result } = await createShippingProfilesWorkflow(container).run({
        input: { data: [{ name: profileName, type: "default" }] },
      })
      profile = result[0]
    }

    const elsewhere = products
      .filter((product) => product.metadata?.merchant_id === shipping.merchant)
      .filter((product) => product.shipping_profile?.id !== profile.id)
      .map((product) => product.id)
    if (elsewhere.length) {
      await updateProductsWorkflow(container).run({
        input: { selector: { id: elsewhere }, update: { shipping_profile_id: profile.id } },
      })
      moved += elsewhere.length
    }

    const wanted = merchantOptions(shipping, serviceZoneId, profile.id)
    const existing = await fulfillment.listShippingOptions({
      service_zone: { id: serviceZoneId },
      shipping_profile_id: profile.id,
    })
    const missing = wanted.filter((option) => !existing.some((known) => known.name === option.name))
    if (missing.length) {
      await createShippingOptionsWorkflow(container).run({ input: missing })
      created += missing.length
    }
  }
  if (moved || created) {
    logger.info(`Demo shipping: ${moved} products moved to their merchant's profile, ${created} shipping options created.`)
  }
}

function merchantOptions(
  shipping: (typeof DEMO_MERCHANT_SHIPPING)[number],
  serviceZoneId: string,
  profileId: string
) {
  const common = {
    price_type: "flat" as const,
    provider_id: "manual_manual",
    service_zone_id: serviceZoneId,
    shipping_profile_id: profileId,
    rules: STORE_OPTION_RULES,
  }
  const currencies = ["usd", "eur"] as const
  return [
    {
      ...common,
      name: `${shipping.label} standard`,
      type: { label: "Standard", description: `${shipping.label} ships in 2-3 days.`, code: "standard" },
      prices: currencies.map((currency_code) => ({ currency_code, amount: shipping.flat[currency_code] })),
    },
    {
      ...common,
      name: `${shipping.label} free over ${shipping.freeFrom.usd} USD`,
      type: {
        label: "Free over",
        description: `Free from ${shipping.freeFrom.usd} USD (${shipping.freeFrom.eur} EUR) of ${shipping.label} items.`,
        code: "free-over",
      },
      // Prices by currency only: a region price would tie with the item_total one (one rule each).
      prices: currencies.flatMap((currency_code) => [
        { currency_code, amount: shipping.freeOver[currency_code] },
        {
          currency_code,
          amount: 0,
          rules: [{ attribute: "item_total", operator: "gte", value: shipping.freeFrom[currency_code] }],
        },
      ]),
    },
  ]
}

/** The shipping coupons, each created unless its code exists (deleted ones too: a code stays taken). */
async function seedShippingCoupons(container: ExecArgs["container"]) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const coupons = container.resolve<any>("coupon")
  const existing = await coupons.listCoupons(
    { code: DEMO_SHIPPING_COUPONS.map((coupon) => coupon.code) },
    { withDeleted: true }
  )
  const missing = DEMO_SHIPPING_COUPONS.filter(
    (coupon) => !existing.some((known: { code: string }) => known.code === coupon.code)
  )
  if (missing.length) {
    await coupons.createCoupons(missing)
    logger.info(`Demo shipping coupons created: ${missing.map((coupon) => coupon.code).join(", ")}.`)
  }
}
