import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * A rule attribute of this store's own (the plugin's `ruleAttributes` option, docs/coupon-rules.md):
 * whether the signed-in customer has placed no order yet. A coupon with the rule
 * `{ attribute: "custom.first_order", operator: "eq", values: [true] }` is for first orders only.
 * The plugin calls `resolve` once per change of a session whose coupons use it.
 */
export const firstOrderRule = {
  name: "custom.first_order",
  kind: "shopper" as const,
  value_type: "boolean" as const,
  label: "first order",
  description: "Whether the signed-in customer has placed no order yet",
  needs_customer: true,
  subject: "customers",
  when_true: "placing their first order",
  when_false: "who have ordered before",
  resolve: async ({ customer, container }: { customer: { id: string } | null; container: MedusaContainer }) => {
    if (!customer) {
      return null
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id"],
      filters: { customer_id: customer.id },
      pagination: { take: 1, skip: 0 },
    })
    return data.length === 0
  },
}
