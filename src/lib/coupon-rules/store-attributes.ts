import type { MedusaContainer } from "@medusajs/framework/types"
import type { LineAttribute, ShopperAttribute } from "./attribute"
import { createRuleRegistry, RuleRegistry } from "./registry"
import type { FactValue } from "./types"

/** A session as a store's own attribute reads it. */
export type SessionForRules = {
  id: string
  customer_id: string | null
  email: string | null
  region_id: string
  currency_code: string
  sales_channel_id: string
  metadata: Record<string, unknown> | null
}

/** What a store's own shopper attribute's `resolve` is given: called once per change that needs it. */
export type ShopperResolverInput = {
  session: SessionForRules
  /** The session's customer; null when anonymous. */
  customer: { id: string } | null
  container: MedusaContainer
}

/** What a store's own line attribute's `resolve` is given: every line of the session, once per change that needs it. */
export type LineResolverInput = {
  session: SessionForRules
  lines: { id: string; product_id: string; variant_id: string }[]
  container: MedusaContainer
}

/**
 * A store's own rule attribute, as the plugin option `ruleAttributes` declares it (docs/coupon-rules.md): its
 * declaration (name `custom.…`, kind, value type, words) and a resolver reading what it needs from the
 * container. A shopper attribute resolves to its value; a line attribute to each line's value by line id.
 */
export type StoreRuleAttribute =
  | (Omit<ShopperAttribute, "fact"> & { resolve: (input: ShopperResolverInput) => FactValue | Promise<FactValue> })
  | (Omit<LineAttribute, "fact"> & {
      resolve: (input: LineResolverInput) => Record<string, FactValue> | Promise<Record<string, FactValue>>
    })

const registries = new WeakMap<readonly StoreRuleAttribute[], RuleRegistry>()

/**
 * The registry of a store: the built-ins and its own attributes (their resolvers aside), built once per
 * option list. A declaration that is wrong throws `RuleAttributeError` naming it.
 */
export function ruleRegistryOf(storeAttributes: readonly StoreRuleAttribute[] = []): RuleRegistry {
  let registry = registries.get(storeAttributes)
  if (!registry) {
    registry = createRuleRegistry(storeAttributes.map(({ resolve: _resolve, ...declaration }) => declaration))
    registries.set(storeAttributes, registry)
  }
  return registry
}
