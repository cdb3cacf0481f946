// A storefront set up the way a store owner does it from outside: through
// the admin HTTP API of a running host, for tests whose hosts are separate
// processes (the container helpers of ./store.ts need the host in jest).

export type JsonResponse = { status: number; body: any }

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
async function expectOk(method: string, url: string, options: Parameters<typeof requestJson>[2]) {
  const response = await requestJson(method, url, options)
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}

export type ProductOverHttp = { title: string; merchant?: string; usd: number }
export type SeededProduct = ProductOverHttp & { productId: string; variantId: string }

export type StorefrontOverHttp = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  products: SeededProduct[]
  couponCodes: string[]
}

/**
 * Logs in as an admin (`/auth/user/emailpass`) and sets up a store selling
 * in USD: a region with the system payment provider, a sales channel with a
 * publishable key, single-variant published products (metadata.merchant_id
 * names the merchant) and coupons (the plugin's POST /admin/coupons).
 */
export async function seedStorefrontOverHttp(
  url: string,
  admin: { email: string; password: string },
  { products, coupons }: { products: ProductOverHttp[]; coupons: Record<string, unknown>[] }
): Promise<StorefrontOverHttp> {
  const { token } = await expectOk("POST", `${url}/auth/user/emailpass`, { body: admin })
  const headers = { authorization: `Bearer ${token}` }
  const post = (path: string, body: unknown) => expectOk("POST", `${url}${path}`, { body, headers })

  const {
    stores: [store],
  } = await expectOk("GET", `${url}/admin/stores`, { headers })
  const { sales_channel: salesChannel } = await post("/admin/sales-channels", { name: "Two processes shop" })
  const { region } = await post("/admin/regions", {
    name: "United States",
    currency_code: "usd",
    countries: ["us"],
    payment_providers: ["pp_system_default"],
  })
  await post(`/admin/stores/${store.id}`, {
    supported_currencies: [{ currency_code: "usd", is_default: true }],
    default_region_id: region.id,
    default_sales_channel_id: salesChannel.id,
  })
  const { api_key: key } = await post("/admin/api-keys", { title: "Two processes storefront", type: "publishable" })
  await post(`/admin/api-keys/${key.id}/sales-channels`, { add: [salesChannel.id] })

  const seeded: SeededProduct[] = []
  for (const product of products) {
    const { product: created } = await post("/admin/products", {
      title: product.title,
      status: "published",
      metadata: product.merchant ? { merchant_id: product.merchant } : {},
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
    await post("/admin/coupons", coupon)
  }
  return {
    regionId: region.id,
    salesChannelId: salesChannel.id,
    publishableKey: key.token,
    products: seeded,
    couponCodes: coupons.map((coupon) => String(coupon.code)),
  }
}
