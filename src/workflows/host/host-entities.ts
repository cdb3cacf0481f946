import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { HostEntity } from "../../lib/coupon-rules"

/** Where the host keeps each entity a rule can name, and the field that names it for people. */
const HOST_ENTITIES: Readonly<Record<HostEntity, { entity: string; name: string }>> = {
  product: { entity: "product", name: "title" },
  variant: { entity: "variant", name: "title" },
  collection: { entity: "product_collection", name: "title" },
  category: { entity: "product_category", name: "name" },
  type: { entity: "product_type", name: "value" },
  tag: { entity: "product_tag", name: "value" },
  customer: { entity: "customer", name: "email" },
  customer_group: { entity: "customer_group", name: "name" },
  sales_channel: { entity: "sales_channel", name: "name" },
  region: { entity: "region", name: "name" },
}

/**
 * Which of the given ids the host has, with the name people know each by (a collection's title, a
 * group's name): one read a kind of entity, through the host's query.
 */
export async function readHostEntities(
  container: MedusaContainer,
  ids: Partial<Record<HostEntity, string[]>>
): Promise<{ found: Partial<Record<HostEntity, string[]>>; names: Record<string, string> }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const found: Partial<Record<HostEntity, string[]>> = {}
  const names: Record<string, string> = {}
  await Promise.all(
    (Object.entries(ids) as [HostEntity, string[]][])
      .filter(([, wanted]) => wanted.length)
      .map(async ([kind, wanted]) => {
        const { entity, name } = HOST_ENTITIES[kind]
        const { data } = await query.graph({ entity, fields: ["id", name], filters: { id: wanted } })
        found[kind] = (data as Record<string, unknown>[]).map((row) => {
          const id = row.id as string
          if (typeof row[name] === "string" && row[name]) {
            names[id] = row[name] as string
          }
          return id
        })
      })
  )
  return { found, names }
}

