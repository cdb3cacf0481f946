import { z } from "@medusajs/framework/zod"
import { boundedFindParams } from "../../utils/find-params"

export const AdminGetMerchantsParams = boundedFindParams({
  limit: 50,
  offset: 0,
  order: "handle",
}).extend({
  q: z.string().optional(),
})

export type AdminGetMerchantsParamsType = z.infer<typeof AdminGetMerchantsParams>
