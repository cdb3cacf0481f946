import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import IdempotencyModuleService from "./service"

export const IDEMPOTENCY_MODULE = "idempotency"

export default Module(IDEMPOTENCY_MODULE, {
  service: IdempotencyModuleService,
  loaders: [validateOptionsLoader],
})

export { IdempotencyModuleService }
export * from "./types"
