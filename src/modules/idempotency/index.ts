import { Module } from "@medusajs/framework/utils"
import { validatePluginOptionsLoader } from "../../lib/plugin-options"
import IdempotencyModuleService from "./service"

export const IDEMPOTENCY_MODULE = "idempotency"

export default Module(IDEMPOTENCY_MODULE, {
  service: IdempotencyModuleService,
  loaders: [validatePluginOptionsLoader],
})

export { IdempotencyModuleService }
export * from "./types"
