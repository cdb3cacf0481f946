export * from "./register-product-merchants"
