/** A coupon's rule fields (docs/coupon-rules.md), as stored and answered: one list for every place that names them. */
export const COUPON_RULE_FIELDS = [
  "type",
  "target_type",
  "allocation",
  "max_quantity",
  "rules",
  "target_rules",
  "buy_rules",
  "buy_rules_min_quantity",
  "apply_to_quantity",
  "is_automatic",
] as const
