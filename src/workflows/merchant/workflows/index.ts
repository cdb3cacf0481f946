export * from "./sync-product-merchants"
