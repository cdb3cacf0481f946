import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"

/**
 * The rule attributes this store knows (docs/coupon-rules.md): the built-ins and the store's own, each as
 * declared once, for the admin's coupon form: `kind` `shopper` goes in `rules`, `line` in `target_rules`
 * and `buy_rules`.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const registry = req.scope.resolve<CouponModuleService>(COUPON_MODULE).getRuleRegistry()
  const attributes = registry.list().map((attribute) => ({
    name: attribute.name,
    kind: attribute.kind,
    value_type: attribute.value_type,
    operators: attribute.operators,
    label: attribute.label,
    description: attribute.description ?? null,
    entity: attribute.entity ?? null,
    money: attribute.money ?? false,
    needs_customer: attribute.needs_customer ?? false,
    when_true: attribute.when_true ?? null,
    when_false: attribute.when_false ?? null,
  }))
  res.json({ attributes, count: attributes.length })
}
