// A storefront set up the way a store owner does it from outside: through
// the admin HTTP API of a running host, for tests whose hosts are separate
// processes (the container helpers of ./store.ts need the host in jest).
import { storeShippingOption } from "./checkout"

export type JsonResponse = { status: number; body: any }

/** How a client sends a request: requestJson, or a storefront of its own (e.g. one that retries on another server). */
export type SendJson = typeof requestJson

/** One JSON request; any status is returned, not thrown. */
export async function requestJson(
  method: string,
  url: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}
): Promise<JsonResponse> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: response.status, body: parsed }
}

/** The body of a 2xx answer; anything else fails with the request and the answer. */
export async function expectOk(method: string, url: string, options?: Parameters<typeof requestJson>[2]) {
  const response = await requestJson(method, url, options)
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}

/** The admin API of a running host, logged in as one admin user (`/auth/user/emailpass`). */
export type AdminOverHttp = {
  get: (path: string) => Promise<any>
  post: (path: string, body?: unknown) => Promise<any>
}

export async function adminOverHttp(url: string, admin: { email: string; password: string }): Promise<AdminOverHttp> {
  const { token } = await expectOk("POST", `${url}/auth/user/emailpass`, { body: admin })
  const headers = { authorization: `Bearer ${token}` }
  return {
    get: (path) => expectOk("GET", `${url}${path}`, { headers }),
    post: (path, body = {}) => expectOk("POST", `${url}${path}`, { body, headers }),
  }
}

export type ProductOverHttp = { title: string; merchant?: string; usd: number }
export type SeededProduct = ProductOverHttp & { productId: string; variantId: string }

export type StorefrontOverHttp = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  products: SeededProduct[]
  couponCodes: string[]
  /** The flat-priced shipping option, when the store was seeded with `shipping`. */
  shippingOptionId?: string
  admin: AdminOverHttp
}

/** Shipping for a store selling in the US (HOST-NOTES, "Completing a host cart"). */
type ShippingOverHttp = { shippingProfileId: string; shippingOptionId: string }

/**
 * What completing a cart needs beyond the region: a stock location linked to
 * the sales channel and to the `manual_manual` fulfillment provider, a
 * fulfillment set with a service zone for the US, a shipping profile and a
 * shipping option offered in the store at a flat 5 USD.
 */
async function seedShippingOverHttp(admin: AdminOverHttp, salesChannelId: string): Promise<ShippingOverHttp> {
  const { stock_location: location } = await admin.post("/admin/stock-locations", {
    name: "Warehouse",
    address: { address_1: "1 Test street", city: "Portland", country_code: "us" },
  })
  await admin.post(`/admin/stock-locations/${location.id}/sales-channels`, { add: [salesChannelId] })
  await admin.post(`/admin/stock-locations/${location.id}/fulfillment-providers`, { add: ["manual_manual"] })
  const { stock_location: withSet } = await admin.post(`/admin/stock-locations/${location.id}/fulfillment-sets?fields=*fulfillment_sets`, {
    name: "US delivery",
    type: "shipping",
  })
  const { fulfillment_set: fulfillmentSet } = await admin.post(
    `/admin/fulfillment-sets/${withSet.fulfillment_sets[0].id}/service-zones?fields=*service_zones`,
    { name: "United States", geo_zones: [{ type: "country", country_code: "us" }] }
  )
  const { shipping_profile: profile } = await admin.post("/admin/shipping-profiles", {
    name: "Parcels",
    type: "default",
  })
  const { shipping_option: option } = await admin.post(
    "/admin/shipping-options",
    storeShippingOption({
      serviceZoneId: fulfillmentSet.service_zones[0].id,
      profileId: profile.id,
      prices: [{ currency_code: "usd", amount: 5 }],
    })
  )
  return { shippingProfileId: profile.id, shippingOptionId: option.id }
}

/**
 * Logs in as an admin and sets up a store selling in USD: a region (the US
 * only) with the system payment provider, a sales channel with a publishable
 * key, single-variant published products (metadata.merchant_id names the
 * merchant) and coupons (the plugin's POST /admin/coupons). With `shipping`,
 * also what checking out needs (seedShippingOverHttp), the products in its
 * shipping profile.
 */
export async function seedStorefrontOverHttp(
  url: string,
  adminUser: { email: string; password: string },
  { products, coupons, shipping = false }: { products: ProductOverHttp[]; coupons: Record<string, unknown>[]; shipping?: boolean }
): Promise<StorefrontOverHttp> {
  const admin = await adminOverHttp(url, adminUser)
  const {
    stores: [store],
  } = await admin.get("/admin/stores")
  const { sales_channel: salesChannel } = await admin.post("/admin/sales-channels", { name: "Test shop" })
  const { region } = await admin.post("/admin/regions", {
    name: "United States",
    currency_code: "usd",
    countries: ["us"],
    payment_providers: ["pp_system_default"],
  })
  await admin.post(`/admin/stores/${store.id}`, {
    supported_currencies: [{ currency_code: "usd", is_default: true }],
    default_region_id: region.id,
    default_sales_channel_id: salesChannel.id,
  })
  const { api_key: key } = await admin.post("/admin/api-keys", { title: "Test storefront", type: "publishable" })
  await admin.post(`/admin/api-keys/${key.id}/sales-channels`, { add: [salesChannel.id] })
  const seededShipping = shipping ? await seedShippingOverHttp(admin, salesChannel.id) : undefined

  const seeded: SeededProduct[] = []
  for (const product of products) {
    const { product: created } = await admin.post("/admin/products", {
      title: product.title,
      status: "published",
      metadata: product.merchant ? { merchant_id: product.merchant } : {},
      ...(seededShipping ? { shipping_profile_id: seededShipping.shippingProfileId } : {}),
      options: [{ title: "Default", values: ["Default"] }],
      variants: [
        {
          title: "Default",
          manage_inventory: false,
          options: { Default: "Default" },
          prices: [{ currency_code: "usd", amount: product.usd }],
        },
      ],
      sales_channels: [{ id: salesChannel.id }],
    })
    seeded.push({ ...product, productId: created.id, variantId: created.variants[0].id })
  }
  for (const coupon of coupons) {
    await admin.post("/admin/coupons", coupon)
  }
  return {
    regionId: region.id,
    salesChannelId: salesChannel.id,
    publishableKey: key.token,
    products: seeded,
    couponCodes: coupons.map((coupon) => String(coupon.code)),
    shippingOptionId: seededShipping?.shippingOptionId,
    admin,
  }
}
