import type { CouponRule, LineFacts, RuleOperator, RuleValue, ShopperFacts } from ".."

export function shopper(extra: Partial<ShopperFacts> = {}): ShopperFacts {
  return {
    customer_id: "cus_1",
    customer_group_ids: [],
    sales_channel_id: "sc_web",
    region_id: "reg_eu",
    country_code: "de",
    currency_code: "eur",
    item_total: 100,
    ...extra,
  }
}

export const guest = (extra: Partial<ShopperFacts> = {}) => shopper({ customer_id: null, customer_group_ids: [], ...extra })

export function lineFacts(id: string, extra: Partial<LineFacts> = {}): LineFacts {
  return {
    id,
    product_id: `prod_${id}`,
    variant_id: `variant_${id}`,
    collection_id: null,
    category_ids: [],
    type_id: null,
    tag_ids: [],
    ...extra,
  }
}

export function rule(attribute: string, operator: RuleOperator, ...values: RuleValue[]): CouponRule {
  return { attribute, operator, values }
}
