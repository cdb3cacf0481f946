import { model } from "@medusajs/framework/utils"
import { CartSessionDiscount } from "./cart-session-discount"
import { CartSessionLineItem } from "./cart-session-line-item"
import { CartSessionManualDiscount } from "./cart-session-manual-discount"

export const CART_SESSION_STATUSES = ["open", "converted", "expired", "cancelled"] as const

/**
 * A pre-checkout cart that may hold items of several merchants. `version`
 * grows by one on every change (optimistic concurrency for clients); `priced`
 * is false while any of its codes is PENDING. Totals are not stored: they are
 * derived from the lines and the APPLIED discounts' allocations.
 */
export const CartSession = model
  .define("cart_session", {
    id: model.id({ prefix: "csess" }).primaryKey(),
    status: model.enum([...CART_SESSION_STATUSES]).default("open"),
    currency_code: model.text(),
    region_id: model.text(),
    sales_channel_id: model.text(),
    customer_id: model.text().nullable(),
    email: model.text().nullable(),
    /** Where the shopper ships to, as the host's cart address takes it (docs/shipping-and-tax.md); null: none yet. */
    shipping_address: model.json().nullable(),
    /** Each bag's chosen shipping method (at most one a merchant), priced for that bag alone. */
    shipping_methods: model.json().nullable(),
    version: model.number().default(1),
    priced: model.boolean().default(true),
    expires_at: model.dateTime(),
    converted_cart_id: model.text().nullable(),
    /** Set when the convert gate passed; cleared by any later change. */
    metadata: model.json().nullable(),
    /**
     * When every line's price and product facts were last read from the host's catalogue, and for which
     * pricing context (a digest of the customer, their groups and the store's context): while both hold
     * (docs/data-model.md, "Prices kept with the lines"), a change reads only the lines it touches.
     */
    catalogue_read_at: model.dateTime().nullable(),
    pricing_context_key: model.text().nullable(),
    items: model.hasMany(() => CartSessionLineItem, { mappedBy: "cart_session" }),
    discounts: model.hasMany(() => CartSessionDiscount, { mappedBy: "cart_session" }),
    manual_discounts: model.hasMany(() => CartSessionManualDiscount, { mappedBy: "cart_session" }),
  })
  .cascades({ delete: ["items", "discounts", "manual_discounts"] })
  .indexes([
    { on: ["customer_id"] },
    { on: ["status", "expires_at"] },
    { on: ["converted_cart_id"], where: "converted_cart_id IS NOT NULL AND deleted_at IS NULL" },
    // Hand-written in Migration20261206164500 (the DML cannot say directions): the admin list's
    // order, (created_at DESC, id ASC) WHERE deleted_at IS NULL.
  ])
  .checks([{ name: "cart_session_version_positive", expression: "version >= 1" }])
