import { model } from "@medusajs/framework/utils"

/**
 * A merchant the store sells for, as named by the products' metadata.
 * Rows appear when a product naming a new merchant is created or updated,
 * so admins can pick merchants (coupon scope, filters) without typing ids.
 */
export const Merchant = model
  .define("merchant", {
    id: model.id({ prefix: "mrch" }).primaryKey(),
    handle: model.text().searchable(),
    name: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    {
      on: ["handle"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
