import { Badge, StatusBadge } from "@medusajs/ui"
import type {
  CartSessionDiscountStatus,
  CartSessionDiscountTarget,
  CartSessionDiscountType,
} from "../lib/cart-session-api"
import { targetTypeLabel } from "../lib/coupon-format"

type Color = "green" | "grey" | "orange" | "blue" | "red"

const SESSION_COLORS: Record<string, Color> = { open: "green", converted: "blue", expired: "grey", cancelled: "grey" }

const sentence = (status: string) => status.charAt(0).toUpperCase() + status.slice(1).toLowerCase().replace(/_/g, " ")

/** A session's status: open, converted, expired, cancelled. */
export const CartSessionStatusBadge = ({ status }: { status: string }) => (
  <StatusBadge color={SESSION_COLORS[status] ?? "grey"}>{sentence(status)}</StatusBadge>
)

/** A discount's status: APPLIED green, PENDING blue, any refusal (NOT_ELIGIBLE "Not eligible" too) orange. */
export const DiscountStatusBadge = ({ status }: { status: CartSessionDiscountStatus }) => (
  <StatusBadge color={status === "APPLIED" ? "green" : status === "PENDING" ? "blue" : "orange"}>
    {sentence(status)}
  </StatusBadge>
)

/** Marks a discount the shopper did not enter: an automatic coupon that applied itself. */
export const DiscountTypeBadge = ({ type }: { type: CartSessionDiscountType }) =>
  type === "AUTOMATIC" ? (
    <Badge size="2xsmall" color="purple">
      Automatic
    </Badge>
  ) : null

/** Marks a code that discounts the bags' shipping rather than their items. */
export const DiscountTargetBadge = ({ target }: { target: CartSessionDiscountTarget }) =>
  target === "shipping_methods" ? (
    <Badge size="2xsmall" color="blue">
      {targetTypeLabel(target)}
    </Badge>
  ) : null
