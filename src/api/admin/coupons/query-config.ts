import { COUPON_RULE_FIELDS } from "../../../modules/coupon"

export const defaultAdminCouponFields = [
  "id",
  "code",
  "merchant_id",
  "name",
  "value_type",
  "value",
  "currency_code",
  "starts_at",
  "ends_at",
  "min_subtotal",
  "usage_limit",
  "usage_limit_per_customer",
  "usage_count",
  "combinable",
  "priority",
  "is_active",
  ...COUPON_RULE_FIELDS,
  "metadata",
  "created_at",
  "updated_at",
]

const redemptionFields = [
  "id",
  "cart_id",
  "order_id",
  "customer_id",
  "email",
  "amount",
  "currency_code",
  "metadata",
  "created_at",
]

/** What `fields` may ask for and `order` may sort by; anything else is left out. */
export const allowedAdminCouponFields = [
  ...defaultAdminCouponFields,
  "deleted_at",
  "redemptions",
  ...redemptionFields.map((field) => `redemptions.${field}`),
]

export const retrieveCouponQueryConfig = {
  defaults: defaultAdminCouponFields,
  allowed: allowedAdminCouponFields,
  isList: false,
}

export const listCouponsQueryConfig = {
  ...retrieveCouponQueryConfig,
  isList: true,
}
