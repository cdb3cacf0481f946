import { InferTypeOf } from "@medusajs/framework/types"
import { CartSession, CartSessionDiscount, CartSessionLineItem } from "../models"

export type CartSessionDTO = InferTypeOf<typeof CartSession>
export type CartSessionLineItemDTO = InferTypeOf<typeof CartSessionLineItem>
export type CartSessionDiscountDTO = InferTypeOf<typeof CartSessionDiscount>

export type CartSessionStatus = CartSessionDTO["status"]
export type CartSessionDiscountStatus = CartSessionDiscountDTO["status"]

/** One share of a discount on a line, in integer minor units. */
export type StoredAllocation = { line_item_id: string; amount: number }
