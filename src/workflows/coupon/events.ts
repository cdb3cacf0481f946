/** Events the coupon workflows emit on the host's bus, each with data `{ id }`. */
export const CouponEvents = {
  CREATED: "coupon.created",
  UPDATED: "coupon.updated",
  DELETED: "coupon.deleted",
} as const
