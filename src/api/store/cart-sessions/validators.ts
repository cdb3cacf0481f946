import { z } from "@medusajs/framework/zod"

/** The session version the client last saw; a different current one is a 409 VERSION_CONFLICT. */
const version = z.number().int().min(1).optional()

/** A variant and how many; the quantity's range is the plugin's (`maxLineQuantity`), checked by the workflow. */
const item = {
  variant_id: z.string().min(1),
  quantity: z.number(),
}

/** A code's format is checked by the workflow, which answers COUPON_CODE_INVALID_FORMAT. */
const code = {
  code: z.string(),
  merchant_id: z.string().min(1).optional(),
}

export const StoreCreateCartSession = z
  .object({
    region_id: z.string().min(1).optional(),
    /** As the host's cart create takes it; it must be the region's currency. */
    currency_code: z.string().min(1).optional(),
    sales_channel_id: z.string().min(1).optional(),
    email: z.string().email().optional(),
    items: z.array(z.object(item).strict()).max(100).optional(),
    discounts: z.array(z.object(code).strict()).max(100).optional(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict()
export type StoreCreateCartSessionType = z.infer<typeof StoreCreateCartSession>

export const StoreAddCartSessionLineItem = z.object({ ...item, version }).strict()
export type StoreAddCartSessionLineItemType = z.infer<typeof StoreAddCartSessionLineItem>

export const StoreUpdateCartSessionLineItem = z.object({ quantity: z.number(), version }).strict()
export type StoreUpdateCartSessionLineItemType = z.infer<typeof StoreUpdateCartSessionLineItem>

export const StoreToggleCartSessionAddOn = z
  .object({ add_on_id: z.string().min(1), selected: z.boolean(), version })
  .strict()
export type StoreToggleCartSessionAddOnType = z.infer<typeof StoreToggleCartSessionAddOn>

export const StoreSetCartSessionDiscountCode = z.object({ code: z.string().nullable(), version }).strict()
export type StoreSetCartSessionDiscountCodeType = z.infer<typeof StoreSetCartSessionDiscountCode>

export const StoreAddCartSessionCoupon = z
  .object({ ...code, validate_only: z.boolean().optional(), version })
  .strict()
export type StoreAddCartSessionCouponType = z.infer<typeof StoreAddCartSessionCoupon>

/** Routes whose only input is the version: removals, price, convert. */
export const StoreCartSessionVersion = z.object({ version }).strict()
export type StoreCartSessionVersionType = z.infer<typeof StoreCartSessionVersion>

/** An address as the host's cart update takes it: `country_code` required (ISO 3166-1 alpha-2). */
const address = z
  .object({
    country_code: z.string().regex(/^[A-Za-z]{2}$/, "must be a two-letter country code"),
    province: z.string().nullish(),
    postal_code: z.string().nullish(),
    city: z.string().nullish(),
    address_1: z.string().nullish(),
    address_2: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    company: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .strict()

export const StoreUpdateCartSession = z
  .object({ email: z.string().email().nullish(), shipping_address: address.nullish(), version })
  .strict()
export type StoreUpdateCartSessionType = z.infer<typeof StoreUpdateCartSession>

export const StoreSetCartSessionShippingMethod = z
  .object({ merchant_id: z.string().min(1), option_id: z.string().min(1), version })
  .strict()
export type StoreSetCartSessionShippingMethodType = z.infer<typeof StoreSetCartSessionShippingMethod>
