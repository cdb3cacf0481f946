/**
 * Events the coupon workflows emit on the host's bus. A single create, update
 * or delete emits one event per coupon with data `{ id }`; a bulk generation
 * emits one `coupon.generated` for the whole batch with data `{ ids }`, so
 * 10,000 codes do not start 10,000 handlers at once.
 */
export const CouponEvents = {
  CREATED: "coupon.created",
  UPDATED: "coupon.updated",
  DELETED: "coupon.deleted",
  GENERATED: "coupon.generated",
} as const
