export * from "./move-cart-seats-to-order"
export * from "./release-abandoned-seats"
export * from "./release-order-seats"
