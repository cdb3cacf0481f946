import { z } from "@medusajs/framework/zod"
import { CART_SESSION_STATUSES } from "../../../modules/cart-session"
import { booleanParam, boundedFindParams, dateTime } from "../../utils/find-params"

/** One value or several: `status=open&status=expired`, or `status=open,expired`. */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.split(",") : value),
    z.array(item).min(1)
  )

const createdAt = z
  .object({
    $gt: dateTime("created_at[$gt]").optional(),
    $gte: dateTime("created_at[$gte]").optional(),
    $lt: dateTime("created_at[$lt]").optional(),
    $lte: dateTime("created_at[$lte]").optional(),
  })
  .strict()

/** Paging and order as the coupon list takes them, and the filters of the admin's session list. */
export const AdminGetCartSessionsParams = boundedFindParams({ limit: 50, offset: 0, order: "-created_at" })
  .omit({ fields: true, with_deleted: true })
  .extend({
    status: oneOrMany(z.enum(CART_SESSION_STATUSES)).optional(),
    customer_id: oneOrMany(z.string().min(1)).optional(),
    email: z.string().min(1).optional(),
    q: z.string().optional(),
    created_at: createdAt.optional(),
    has_codes: booleanParam.optional(),
    has_manual_discounts: booleanParam.optional(),
  })
export type AdminGetCartSessionsParamsType = z.infer<typeof AdminGetCartSessionsParams>

/** The session version the admin last saw; a different current one is a 409 VERSION_CONFLICT. */
const version = z.number().int().min(1).optional()

/** The amount's range and decimals are the session currency's, checked by the workflow. */
const manualDiscount = {
  amount: z.number(),
  name: z.string().trim().min(1).max(200),
  reason: z.string().trim().max(2000).nullish(),
}

export const MANUAL_DISCOUNTS_MAX = 50

export const AdminSetCartSessionManualDiscounts = z
  .object({
    cart: z.array(z.object(manualDiscount).strict()).max(MANUAL_DISCOUNTS_MAX).optional(),
    items: z
      .array(z.object({ line_item_id: z.string().min(1), ...manualDiscount }).strict())
      .max(MANUAL_DISCOUNTS_MAX)
      .optional(),
    version,
  })
  .strict()
  .refine((body) => (body.cart?.length ?? 0) + (body.items?.length ?? 0) > 0, {
    message:
      "Give at least one manual discount in 'cart' or 'items' (they replace the session's manual discounts; " +
      "DELETE /admin/cart-sessions/:id/manual-discounts clears them)",
  })
export type AdminSetCartSessionManualDiscountsType = z.infer<typeof AdminSetCartSessionManualDiscounts>

export const AdminCartSessionVersion = z.object({ version }).strict()
export type AdminCartSessionVersionType = z.infer<typeof AdminCartSessionVersion>
