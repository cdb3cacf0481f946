import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { FactValue, LineFacts, StoreRuleAttribute } from "../../../lib/coupon-rules"
import { readHostEntities } from "../../host/host-entities"
import type { SessionRuleFacts } from "../../../lib/cart-session/pricing-input"
import type { RuleFactsNeeded } from "../../../lib/cart-session/rule-facts"
import { catalogueKey, type CatalogueVariant } from "../../../lib/cart-session/pricing-context"
import type { CartSessionState } from "../../../modules/cart-session"

/** The ids of a customer's groups (one read). */
export async function readCustomerGroupIds(container: MedusaContainer, customerId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer_group",
    fields: ["id"],
    filters: { customers: { id: customerId } } as Record<string, unknown>,
  })
  return (data as { id: string }[]).map((group) => group.id)
}

type ProductFacts = Pick<LineFacts, "collection_id" | "type_id" | "category_ids" | "tag_ids">

/** What line rules read of each product, in one read of the products: only the `fields` asked for. */
async function readProductFacts(container: MedusaContainer, productIds: string[], fields: string[]): Promise<Map<string, Partial<ProductFacts>>> {
  if (!productIds.length || !fields.length) {
    return new Map()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product", fields: ["id", ...fields], filters: { id: productIds } })
  type HostProduct = {
    id: string
    collection_id?: string | null
    type_id?: string | null
    categories?: ({ id: string } | null)[] | null
    tags?: ({ id: string } | null)[] | null
  }
  const ids = (list: ({ id: string } | null)[] | null | undefined) => list?.flatMap((entry) => (entry ? [entry.id] : []))
  return new Map(
    (data as HostProduct[]).map((product) => [
      product.id,
      {
        collection_id: product.collection_id,
        type_id: product.type_id,
        category_ids: ids(product.categories),
        tag_ids: ids(product.tags),
      },
    ])
  )
}

/** What the change already read of the host, which rules reuse instead of reading it again. */
export type KnownHostFacts = {
  /** The catalogue the change priced the lines with (their products' collection and type among it). */
  variants: Record<string, CatalogueVariant>
  /** The customer's groups, read for the pricing context. */
  customer_group_ids: string[]
}

/**
 * The facts a session's coupon rules are decided on, reading only what `needed` says its coupons' rules
 * use and `known` does not hold: the customer's groups (one read), the lines' products (one read, of the
 * relations only when the catalogue gave the columns), the store's own attributes (their resolvers, once
 * each), and the names of the ids the codes' rules name (one read a kind).
 */
export async function readSessionRuleFacts(
  container: MedusaContainer,
  session: CartSessionState,
  needed: RuleFactsNeeded,
  storeAttributes: readonly StoreRuleAttribute[],
  known: KnownHostFacts | null = null
): Promise<SessionRuleFacts> {
  const customerId = session.customer_id ?? null
  const forRules = {
    id: session.id,
    customer_id: customerId,
    email: session.email ?? null,
    region_id: session.region_id,
    currency_code: session.currency_code,
    sales_channel_id: session.sales_channel_id,
    metadata: session.metadata ?? null,
  }
  const lines = session.items.map((line) => ({ id: line.id, product_id: line.product_id, variant_id: line.variant_id }))
  const resolverOf = (name: string) => storeAttributes.find((attribute) => attribute.name === name)!
  const catalogued = (line: CartSessionState["items"][number]) => known?.variants[catalogueKey(line)]
  const columnsKnown = session.items.every((line) => catalogued(line))
  const productFields = [
    ...(needed.products.columns && !columnsKnown ? ["collection_id", "type_id"] : []),
    ...(needed.products.categories ? ["categories.id"] : []),
    ...(needed.products.tags ? ["tags.id"] : []),
  ]
  const [groups, products, shopperCustom, lineCustom, named] = await Promise.all([
    needed.customer_groups && customerId
      ? known
        ? Promise.resolve(known.customer_group_ids)
        : readCustomerGroupIds(container, customerId)
      : Promise.resolve([]),
    readProductFacts(container, [...new Set(lines.map((line) => line.product_id))], productFields),
    Promise.all(
      needed.custom_shopper.map(async (name) => {
        const attribute = resolverOf(name) as Extract<StoreRuleAttribute, { kind: "shopper" }>
        const customer = customerId ? { id: customerId } : null
        return [name, await attribute.resolve({ session: forRules, customer, container })] as const
      })
    ),
    Promise.all(
      needed.custom_line.map(async (name) => {
        const attribute = resolverOf(name) as Extract<StoreRuleAttribute, { kind: "line" }>
        return [name, (await attribute.resolve({ session: forRules, lines, container })) ?? {}] as const
      })
    ),
    readHostEntities(container, needed.names),
  ])
  const custom: Record<string, FactValue> = Object.fromEntries(shopperCustom)
  return {
    shopper: {
      customer_id: customerId,
      customer_group_ids: groups,
      sales_channel_id: session.sales_channel_id,
      region_id: session.region_id,
      // A session has no shipping address until it is given one (docs/coupon-rules.md): rules on it fail.
      country_code: null,
      currency_code: session.currency_code,
      custom,
    },
    lines: session.items.map((line) => {
      const product: Partial<ProductFacts> | undefined = products.get(line.product_id)
      const variant = catalogued(line)
      return {
        id: line.id,
        product_id: line.product_id,
        variant_id: line.variant_id,
        collection_id: product?.collection_id ?? variant?.collection_id ?? null,
        category_ids: product?.category_ids ?? [],
        type_id: product?.type_id ?? variant?.type_id ?? null,
        tag_ids: product?.tag_ids ?? [],
        custom: Object.fromEntries(lineCustom.map(([name, values]) => [name, values[line.id] ?? null])),
      }
    }),
    names: named.names,
  }
}
