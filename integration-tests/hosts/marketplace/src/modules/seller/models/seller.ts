import { model } from "@medusajs/framework/utils"

/** A seller of the marketplace: the merchant of the products linked to it. */
export const Seller = model.define("seller", {
  id: model.id({ prefix: "sel" }).primaryKey(),
  name: model.text().searchable(),
})
