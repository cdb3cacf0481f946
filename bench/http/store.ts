import { client, type Client } from "./client"

// The bench store, seeded through the host's admin API as a store owner would: a US region in USD, a
// sales channel with its publishable key, products over 3 merchants (product metadata `merchant_id`,
// the option host/medusa-config.ts names) with several variants each, so a 200-line cart has a
// variant per line, the host's promotion NATIVE10 (10% off the order) and the plugin's coupon
// PLUGIN10 (10% off the session).

export const NATIVE_CODE = "NATIVE10"
export const PLUGIN_CODE = "PLUGIN10"
export const MERCHANTS = ["acme", "globex", "initech"]

export type BenchStore = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  /** Every variant id, product by product (variant i of product p at p * variantsPerProduct + i). */
  variantIds: string[]
  products: number
  variantsPerProduct: number
}

export async function seedBenchStore(
  url: string,
  adminUser: { email: string; password: string },
  { products, variantsPerProduct }: { products: number; variantsPerProduct: number }
): Promise<BenchStore> {
  const login = await client(url, {}).call("POST", "/auth/user/emailpass", adminUser)
  const admin: Client = client(url, { authorization: `Bearer ${login.body.token}` })
  const post = async (path: string, body: unknown) => (await admin.call("POST", path, body)).body
  const {
    stores: [store],
  } = (await admin.call("GET", "/admin/stores")).body
  const { sales_channel: salesChannel } = await post("/admin/sales-channels", { name: "Bench shop" })
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
  const { api_key: key } = await post("/admin/api-keys", { title: "Bench storefront", type: "publishable" })
  await post(`/admin/api-keys/${key.id}/sales-channels`, { add: [salesChannel.id] })

  const sizes = Array.from({ length: variantsPerProduct }, (_, index) => `V${index + 1}`)
  const variantIds: string[] = []
  for (let index = 0; index < products; index++) {
    const { product } = await post("/admin/products", {
      title: `Bench product ${index + 1}`,
      status: "published",
      metadata: { merchant_id: MERCHANTS[index % MERCHANTS.length] },
      options: [{ title: "Version", values: sizes }],
      variants: sizes.map((size, variant) => ({
        title: size,
        manage_inventory: false,
        options: { Version: size },
        // 5.00 to 99.99 USD, cents included.
        prices: [{ currency_code: "usd", amount: 5 + ((index * 37 + variant * 11) % 9500) / 100 }],
      })),
      sales_channels: [{ id: salesChannel.id }],
    })
    const bySize = new Map<string, string>(product.variants.map((variant: any) => [variant.title, variant.id]))
    variantIds.push(...sizes.map((size) => bySize.get(size)!))
  }

  await post("/admin/promotions", {
    code: NATIVE_CODE,
    type: "standard",
    status: "active",
    is_automatic: false,
    application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 },
  })
  await post("/admin/coupons", { code: PLUGIN_CODE, value_type: "percentage", value: 10 })

  return {
    regionId: region.id,
    salesChannelId: salesChannel.id,
    publishableKey: key.token,
    variantIds,
    products,
    variantsPerProduct,
  }
}

/**
 * The variants of an n-line cart: one per product first (a 20-line cart has every product once), then
 * the products' other variants.
 */
export function cartVariants(store: BenchStore, lines: number): string[] {
  if (lines > store.variantIds.length) throw new Error(`${lines} lines need ${lines} variants; the store has ${store.variantIds.length}`)
  const ordered: string[] = []
  for (let variant = 0; variant < store.variantsPerProduct; variant++) {
    for (let product = 0; product < store.products; product++) {
      ordered.push(store.variantIds[product * store.variantsPerProduct + variant])
    }
  }
  return ordered.slice(0, lines)
}
