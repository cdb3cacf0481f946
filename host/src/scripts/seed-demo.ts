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
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
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

/** Seeds the demo store once: regions, shipping, a publishable key and products. */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const apiKeys = container.resolve(Modules.API_KEY)

  const [existingKey] = await apiKeys.listApiKeys({ title: DEMO_PUBLISHABLE_KEY_TITLE })
  if (existingKey) {
    logger.info("Demo data already seeded; nothing to do.")
    return
  }

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
          name: "United States",
          currency_code: "usd",
          countries: ["us"],
          payment_providers: ["pp_system_default"],
        },
        {
          name: "Europe",
          currency_code: "eur",
          countries: ["de", "fr", "nl"],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  await updateStoresWorkflow(container).run({
    input: { selector: { id: store.id }, update: { default_region_id: regions[0].id } },
  })
  await createTaxRegionsWorkflow(container).run({
    input: ["us", "de", "fr", "nl"].map((country_code) => ({
      country_code,
      provider_id: "tp_system",
    })),
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
    name: "Demo delivery",
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
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
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
