import { z } from "@medusajs/framework/zod"
import { openApiMetadata } from "../../../lib/openapi-metadata"
import { CART_SESSION_STATUSES, DISCOUNT_STATUSES } from "../../../modules/cart-session"
import type { CodePreview } from "../steps/build-code-preview"
import type { AdminCartSessionView } from "./admin-cart-session-view"
import type { CartSessionListRow } from "./admin-queries"
import type { CartSessionView } from "./cart-session-view"

/**
 * The read model's shapes as zod schemas: what the store and admin routes answer, declared once for
 * docs/openapi.yaml (src/openapi). Every object is strict, so a field the view gains without its schema
 * fails the OpenAPI response test (integration-tests/http/openapi.spec.ts), and the type checks at the
 * bottom fail `tsc` when a view's type leaves its schema. Amounts are in the currency's major unit.
 */

const id = z.string().min(1)
const amount = z.number().clone().register(openApiMetadata, { description: "In the currency's major unit (12.5 is 12.50 USD), whole minor units." })
const timestamp = z.iso.datetime({ offset: true })
const metadata = z.record(z.string(), z.unknown()).nullable()
const discountType = z.enum(["CODE", "MANUAL", "AUTOMATIC"])
const discountStatus = z.enum(DISCOUNT_STATUSES)
const targetType = z.enum(["items", "shipping_methods"])

export const CartSessionAddressSchema = z
  .object({
    country_code: z.string(),
    province: z.string().nullable(),
    postal_code: z.string().nullable(),
    city: z.string().nullable(),
    address_1: z.string().nullable(),
    address_2: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    company: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSessionAddress" })

export const CartSessionLineItemSchema = z
  .object({
    id,
    variant_id: id,
    product_id: id,
    title: z.string(),
    variant_title: z.string().nullable(),
    quantity: z.number().int().positive(),
    unit_price: amount,
    subtotal: amount,
    discount_total: amount,
    tax_total: amount,
    total: amount,
    is_tax_inclusive: z.boolean(),
    is_add_on: z.boolean(),
    metadata,
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSessionLineItem" })

/** A bag's totals, and the session's (the sums of its bags'). */
const totals = {
  subtotal: amount,
  discount_total: amount,
  shipping_total: amount,
  shipping_discount_total: amount,
  item_tax_total: amount,
  shipping_tax_total: amount,
  tax_total: amount,
  total: amount,
}

const bagDiscount = z.object({ id, code: z.string().nullable(), type: discountType, amount }).strict()

export const CartSessionBagSchema = z
  .object({
    merchant_id: z.string(),
    items: z.array(CartSessionLineItemSchema),
    discounts: z.array(bagDiscount).clone().register(openApiMetadata, { description: "What each applied item discount takes from this bag." }),
    shipping_method: z
      .object({ option_id: id, name: z.string(), amount, is_tax_inclusive: z.boolean() })
      .strict()
      .nullable(),
    shipping_discounts: z.array(bagDiscount),
    shipping_message: z
      .string()
      .nullable()
      .clone().register(openApiMetadata, { description: "Why this change removed the bag's shipping method (no longer offered); null otherwise." }),
    ...totals,
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSessionBag", description: "One merchant's part of the session, priced on its own." })

export const CartSessionDiscountSchema = z
  .object({
    id,
    code: z.string().nullable(),
    merchant_id: z.string().nullable().clone().register(openApiMetadata, { description: "The scope once priced; null is store-wide." }),
    type: discountType,
    name: z.string().nullable().clone().register(openApiMetadata, { description: "A manual discount's name; null for a code." }),
    status: discountStatus,
    value_type: z.enum(["percentage", "fixed"]).nullable(),
    value: z.number().nullable(),
    target_type: targetType,
    amount_total: amount,
    is_primary: z.boolean(),
    message: z.string().nullable().clone().register(openApiMetadata, { description: "Why a discount does not apply (every status but APPLIED)." }),
    allocations: z.array(z.object({ line_item_id: id, amount }).strict()),
    shipping_allocations: z.array(z.object({ merchant_id: z.string(), amount }).strict()),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSessionDiscount" })

const sessionFields = {
  id,
  status: z.enum(CART_SESSION_STATUSES).clone().register(openApiMetadata, { description: "An open session past `expires_at` reads `expired`." }),
  currency_code: z.string(),
  region_id: id,
  sales_channel_id: id,
  customer_id: z.string().nullable(),
  email: z.string().nullable(),
  shipping_address: CartSessionAddressSchema.nullable(),
  version: z.number().int().min(1).clone().register(openApiMetadata, { description: "+1 on every change; send it back as `version` to refuse a stale change." }),
  priced: z.boolean().clone().register(openApiMetadata, { description: "True only when every discount has a final status (none PENDING)." }),
  expires_at: timestamp,
  converted_cart_id: z.string().nullable(),
  metadata,
  created_at: timestamp,
  updated_at: timestamp,
}


export const CartSessionSchema = z
  .object({
    ...sessionFields,
    bags: z.array(CartSessionBagSchema),
    discounts: z.array(CartSessionDiscountSchema),
    ...totals,
    messages: z.array(z.string()),
    add_ons_offered: z.array(
      z
        .object({ id, product_id: id, title: z.string(), merchant_id: z.string(), unit_price: amount, selected: z.boolean() })
        .strict()
    ),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSession", description: "The whole session as every route answers it: bags, lines, discounts, totals, messages." })

const ManualDiscountAuthorSchema = z
  .object({ id, email: z.string(), first_name: z.string().nullable(), last_name: z.string().nullable() })
  .strict()

export const AdminCartSessionManualDiscountSchema = z
  .object({
    id,
    discount_id: id,
    scope: z.enum(["cart", "item"]),
    line_item_id: z.string().nullable(),
    amount,
    name: z.string(),
    reason: z.string().nullable(),
    created_by: z.string().nullable(),
    created_by_user: ManualDiscountAuthorSchema.nullable(),
    created_at: timestamp,
    status: discountStatus,
    amount_total: amount,
    message: z.string().nullable(),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "AdminCartSessionManualDiscount" })

export const AdminCartSessionBagSchema = CartSessionBagSchema.extend({
  merchant_name: z
    .string()
    .nullable()
    .clone().register(openApiMetadata, { description: "The merchant's name: the merchant directory's, or the linked seller's with the merchantLink option; null when it has none." }),
})
  .strict()
  .clone().register(openApiMetadata, { id: "AdminCartSessionBag", description: "One merchant's part of the session, with the merchant's name." })

export const AdminCartSessionSchema = CartSessionSchema.extend({
  bags: z.array(AdminCartSessionBagSchema),
  manual_discounts: z.array(AdminCartSessionManualDiscountSchema),
})
  .strict()
  .clone().register(openApiMetadata, {
    id: "AdminCartSession",
    description: "The store's session view, each bag with its merchant's name, plus its manual discounts, with who set them and why.",
  })

export const AdminCartSessionListRowSchema = z
  .object({
    id,
    status: sessionFields.status,
    currency_code: z.string(),
    customer_id: z.string().nullable(),
    email: z.string().nullable(),
    version: sessionFields.version,
    priced: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    expires_at: timestamp,
    merchant_count: z.number().int().min(0),
    line_count: z.number().int().min(0),
    codes: z.array(z.object({ code: z.string().nullable(), status: discountStatus }).strict()),
    manual_discount_count: z.number().int().min(0),
    subtotal: amount,
    discount_total: amount,
    total: amount,
  })
  .strict()
  .clone().register(openApiMetadata, { id: "AdminCartSessionListRow" })

export const CartSessionCodePreviewSchema = z
  .object({
    code: z.string(),
    merchant_id: z.string().nullable(),
    status: discountStatus,
    saving: amount,
    message: z.string(),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSessionCodePreview", description: "What the code would do if added now; nothing was changed." })

export const CartSessionShippingOptionsBagSchema = z
  .object({
    merchant_id: z.string(),
    shipping_options: z.array(
      z
        .object({
          id,
          name: z.string(),
          price_type: z.enum(["flat", "calculated"]),
          provider_id: z.string().nullable(),
          amount: amount.clone().register(openApiMetadata, { description: "Priced for this bag alone (its own item total)." }),
          is_tax_inclusive: z.boolean(),
          selected: z.boolean(),
        })
        .strict()
    ),
  })
  .strict()
  .clone().register(openApiMetadata, { id: "CartSessionShippingOptionsBag" })

// The views' types must stay within their schemas: `tsc` fails here when a view changes alone.
type Within<View, Schema extends z.ZodType> = View extends z.output<Schema> ? true : never
const viewsWithinSchemas: [
  Within<CartSessionView, typeof CartSessionSchema>,
  Within<AdminCartSessionView, typeof AdminCartSessionSchema>,
  Within<CartSessionListRow, typeof AdminCartSessionListRowSchema>,
  Within<CodePreview, typeof CartSessionCodePreviewSchema>,
] = [true, true, true, true]
void viewsWithinSchemas
