import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const AdminGetMerchantsParams = createFindParams({
  limit: 50,
  offset: 0,
  order: "handle",
}).extend({
  q: z.string().optional(),
})

export type AdminGetMerchantsParamsType = z.infer<typeof AdminGetMerchantsParams>
