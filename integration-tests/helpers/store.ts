import { MedusaContainer } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export type StoreHeaders = { headers: Record<string, string> }

export type Storefront = {
  salesChannelId: string
  publishableKey: string
  /** The store's default region (the first currency given). */
  regionId: string
  regionIds: Record<string, string>
  /** Headers of an anonymous shopper. */
  anonymous: StoreHeaders
}

/**
 * A storefront as a store owner sets one up: a sales channel, one region per
 * currency (the first is the store's default), and a publishable key for the
 * channel. Amounts the host stores are typed by the caller as it would be.
 */
export async function createStorefront(
  container: MedusaContainer,
  {
    currencies = ["usd"],
    name = "Web shop",
    countries = {},
    taxInclusive = [],
  }: {
    currencies?: string[]
    name?: string
    countries?: Record<string, string[]>
    /** Currencies whose region's prices include tax (the host's price preference on the region). */
    taxInclusive?: string[]
  } = {}
): Promise<Storefront> {
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name }] } })
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: currencies.map((currency_code) => ({
        name: `${name} ${currency_code.toUpperCase()}`,
        currency_code,
        payment_providers: ["pp_system_default"],
        ...(countries[currency_code] ? { countries: countries[currency_code] } : {}),
        ...(taxInclusive.includes(currency_code) ? { is_tax_inclusive: true } : {}),
      })),
    },
  })
  const [store] = await container.resolve(Modules.STORE).listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: currencies.map((currency_code, index) => ({ currency_code, is_default: index === 0 })),
        default_region_id: regions[0].id,
      },
    },
  })
  const publishableKey = await createPublishableKey(container, [salesChannel.id])
  return {
    salesChannelId: salesChannel.id,
    publishableKey,
    regionId: regions[0].id,
    regionIds: Object.fromEntries(regions.map((region) => [region.currency_code, region.id])),
    anonymous: storeHeaders(publishableKey),
  }
}

/** A publishable key scoped to the given sales channels; returns its token. */
export async function createPublishableKey(container: MedusaContainer, salesChannelIds: string[]) {
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: `key ${salesChannelIds.join(",")}`, type: "publishable", created_by: "" }] },
  })
  if (salesChannelIds.length) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: salesChannelIds } })
  }
  return key.token
}

export function storeHeaders(publishableKey: string, token?: string): StoreHeaders {
  return {
    headers: {
      "x-publishable-api-key": publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  }
}

export type ProductSpec = {
  title: string
  /** Prices as the host stores them, in major units by currency code. */
  prices: Record<string, number>
  /** Prices of one region (a `region_id` rule), in major units, besides `prices`. */
  regionPrices?: { region_id: string; currency_code: string; amount: number }[]
  /** Prices for some quantities only (price tiers), in major units, besides `prices`. */
  quantityPrices?: { currency_code: string; amount: number; min_quantity?: number; max_quantity?: number }[]
  merchant?: string
  addOn?: boolean
  status?: "published" | "draft"
  /** Sales channels the product is sold in; none = not sold anywhere. */
  salesChannelIds: string[]
  /** Needed for a host cart of it to be completed. */
  shippingProfileId?: string
}

export type CreatedProduct = { productId: string; variantId: string; title: string }

/** Creates single-variant products; returns them in the order given. */
export async function createProducts(container: MedusaContainer, specs: ProductSpec[]): Promise<CreatedProduct[]> {
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: specs.map((spec) => ({
        title: spec.title,
        status: spec.status === "draft" ? ProductStatus.DRAFT : ProductStatus.PUBLISHED,
        ...(spec.shippingProfileId ? { shipping_profile_id: spec.shippingProfileId } : {}),
        metadata: {
          ...(spec.merchant ? { merchant_id: spec.merchant } : {}),
          ...(spec.addOn ? { add_on: true } : {}),
        },
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title: "Default",
            manage_inventory: false,
            options: { Default: "Default" },
            prices: [
              ...Object.entries(spec.prices).map(([currency_code, amount]) => ({ currency_code, amount })),
              ...(spec.regionPrices ?? []).map(({ region_id, ...price }) => ({ ...price, rules: { region_id } })),
              ...(spec.quantityPrices ?? []),
            ],
          },
        ],
        sales_channels: spec.salesChannelIds.map((id) => ({ id })),
      })),
    },
  })
  return result.map((product) => ({
    productId: product.id,
    variantId: product.variants[0].id,
    title: product.title,
  }))
}

/**
 * Registers a shopper the way a storefront does (HOST-NOTES.md): an emailpass
 * identity, the customer, then a fresh login whose token carries the customer.
 */
export async function registerCustomer(
  api: any,
  publishableKey: string,
  email: string,
  password = "secret-password"
): Promise<{ customerId: string; headers: StoreHeaders }> {
  const registration = await api.post("/auth/customer/emailpass/register", { email, password })
  const created = await api.post(
    "/store/customers",
    { email },
    storeHeaders(publishableKey, registration.data.token)
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return { customerId: created.data.customer.id, headers: storeHeaders(publishableKey, login.data.token) }
}

export const CART_SESSIONS = "/store/cart-sessions"

/** The store's cart-session calls, as `shopper()` (or the headers given); each answers the session. */
export function cartSessionRequests(api: any, shopper: () => StoreHeaders) {
  const answer = async (request: Promise<any>) => (await request).data.cart_session
  return {
    create: (body: Record<string, unknown> = {}, headers = shopper()) => answer(api.post(CART_SESSIONS, body, headers)),
    get: (id: string, headers = shopper()) => answer(api.get(`${CART_SESSIONS}/${id}`, headers)),
    /** POST to a path below /store/cart-sessions, e.g. `${id}/price`. */
    post: (path: string, body: Record<string, unknown> = {}, headers = shopper()) =>
      answer(api.post(`${CART_SESSIONS}/${path}`, body, headers)),
  }
}
