import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { adminRequest } from "./admin-request"
import type { HostEntity } from "./rule-attributes-api"

/** One record of the host, as a picker shows it. */
export type EntityOption = { id: string; label: string; description?: string }

type HostRecord = Record<string, any>

type EntitySource = {
  /** The host's admin list route; every one takes `q`, `id` (a list), `fields` and `limit`. */
  path: string
  /** The list's key in the answer. */
  key: string
  fields: string
  label: (record: HostRecord) => string
  description?: (record: HostRecord) => string | undefined
}

const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" · ") || undefined

/** Where the host's admin API lists each kind of record a rule can name, and which field names it. */
export const ENTITY_SOURCES: Readonly<Record<HostEntity, EntitySource>> = {
  product: { path: "/admin/products", key: "products", fields: "id,title,handle", label: (r) => r.title, description: (r) => r.handle },
  variant: {
    path: "/admin/product-variants",
    key: "variants",
    fields: "id,title,sku,product.title",
    label: (r) => r.title,
    description: (r) => joined(r.product?.title, r.sku),
  },
  collection: { path: "/admin/collections", key: "collections", fields: "id,title,handle", label: (r) => r.title },
  category: { path: "/admin/product-categories", key: "product_categories", fields: "id,name,handle", label: (r) => r.name },
  type: { path: "/admin/product-types", key: "product_types", fields: "id,value", label: (r) => r.value },
  tag: { path: "/admin/product-tags", key: "product_tags", fields: "id,value", label: (r) => r.value },
  customer: {
    path: "/admin/customers",
    key: "customers",
    fields: "id,email,first_name,last_name",
    label: (r) => r.email,
    description: (r) => joined([r.first_name, r.last_name].filter(Boolean).join(" ")),
  },
  customer_group: { path: "/admin/customer-groups", key: "customer_groups", fields: "id,name", label: (r) => r.name },
  sales_channel: { path: "/admin/sales-channels", key: "sales_channels", fields: "id,name", label: (r) => r.name },
  region: {
    path: "/admin/regions",
    key: "regions",
    fields: "id,name,currency_code",
    label: (r) => r.name,
    description: (r) => r.currency_code?.toUpperCase(),
  },
}

export const SEARCH_LIMIT = 20

/** A host record as a picker option; a record without its naming field shows its id. */
export function toEntityOption(entity: HostEntity, record: HostRecord): EntityOption {
  const source = ENTITY_SOURCES[entity]
  const label = source.label(record)
  return { id: record.id, label: label ? String(label) : record.id, description: source.description?.(record) }
}

async function listEntities(entity: HostEntity, query: Record<string, string | number | readonly string[]>) {
  const source = ENTITY_SOURCES[entity]
  const answer = await adminRequest<Record<string, HostRecord[]>>(source.path, {
    query: { fields: source.fields, ...query },
  })
  return (answer[source.key] ?? []).map((record) => toEntityOption(entity, record))
}

const entityKeys = {
  search: (entity: HostEntity, q: string) => ["checkout-discounts", "host-entities", entity, "search", q] as const,
  byIds: (entity: HostEntity, ids: readonly string[]) => ["checkout-discounts", "host-entities", entity, "ids", ids] as const,
}

/** The records whose name matches `q` (the host's own search), the first `SEARCH_LIMIT`. */
export function useEntitySearch(entity: HostEntity, q: string, enabled: boolean) {
  return useQuery({
    queryKey: entityKeys.search(entity, q),
    queryFn: () => listEntities(entity, { q, limit: SEARCH_LIMIT }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
}

/** The records of some ids, to name the ids a saved rule holds; an id the host no longer has is left out. */
export function useEntitiesByIds(entity: HostEntity, ids: readonly string[]) {
  const sorted = [...new Set(ids)].sort()
  return useQuery({
    queryKey: entityKeys.byIds(entity, sorted),
    queryFn: () => listEntities(entity, { id: sorted, limit: sorted.length }),
    enabled: sorted.length > 0,
    staleTime: 60_000,
  })
}
