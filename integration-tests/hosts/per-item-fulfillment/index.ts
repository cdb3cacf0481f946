import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { PerItemFulfillmentService } from "./service"

/** Registered by host/medusa-config.ts under the id "test": the provider id PER_ITEM_PROVIDER_ID (service.ts). */
export default ModuleProvider(Modules.FULFILLMENT, { services: [PerItemFulfillmentService] })
