import type { AdminHeaders } from "./admin"

/** A product of a catalogue made through the host's admin API, as a store owner makes one. */
export type AdminProduct = { productId: string; variantId: string; title: string }

export type AdminProductSpec = {
  title: string
  /** In major units. */
  price: number
  merchant: string
  collection_id?: string
  type_id?: string
  category_ids?: string[]
  tag_ids?: string[]
}

/**
 * The host's admin API calls a store owner makes a catalogue with: collections, categories, types,
 * tags, customer groups, products; each returns the created entity's id.
 */
export function catalogueOverAdmin(api: any, admin: () => AdminHeaders, currency = "usd") {
  const post = async (path: string, body: Record<string, unknown>) => (await api.post(path, body, admin())).data
  return {
    collection: async (title: string) => (await post("/admin/collections", { title })).collection.id as string,
    category: async (name: string) =>
      (await post("/admin/product-categories", { name, is_active: true })).product_category.id as string,
    type: async (value: string) => (await post("/admin/product-types", { value })).product_type.id as string,
    tag: async (value: string) => (await post("/admin/product-tags", { value })).product_tag.id as string,
    customerGroup: async (name: string) => (await post("/admin/customer-groups", { name })).customer_group.id as string,
    addToGroup: async (groupId: string, customerIds: string[]) =>
      post(`/admin/customer-groups/${groupId}/customers`, { add: customerIds }),
    product: async (spec: AdminProductSpec, salesChannelId: string): Promise<AdminProduct> => {
      const { product } = await post("/admin/products", {
        title: spec.title,
        status: "published",
        metadata: { merchant_id: spec.merchant },
        ...(spec.collection_id ? { collection_id: spec.collection_id } : {}),
        ...(spec.type_id ? { type_id: spec.type_id } : {}),
        ...(spec.category_ids ? { categories: spec.category_ids.map((id) => ({ id })) } : {}),
        ...(spec.tag_ids ? { tags: spec.tag_ids.map((id) => ({ id })) } : {}),
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title: "Default",
            manage_inventory: false,
            options: { Default: "Default" },
            prices: [{ currency_code: currency, amount: spec.price }],
          },
        ],
        sales_channels: [{ id: salesChannelId }],
      })
      return { productId: product.id, variantId: product.variants[0].id, title: product.title }
    },
  }
}
