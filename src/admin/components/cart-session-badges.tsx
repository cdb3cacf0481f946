import { StatusBadge } from "@medusajs/ui"

type Color = "green" | "grey" | "orange" | "blue" | "red"

const SESSION_COLORS: Record<string, Color> = { open: "green", converted: "blue", expired: "grey", cancelled: "grey" }

const sentence = (status: string) => status.charAt(0).toUpperCase() + status.slice(1).toLowerCase().replace(/_/g, " ")

/** A session's status: open, converted, expired, cancelled. */
export const CartSessionStatusBadge = ({ status }: { status: string }) => (
  <StatusBadge color={SESSION_COLORS[status] ?? "grey"}>{sentence(status)}</StatusBadge>
)

/** A discount's status: APPLIED green, PENDING blue, any refusal orange. */
export const DiscountStatusBadge = ({ status }: { status: string }) => (
  <StatusBadge color={status === "APPLIED" ? "green" : status === "PENDING" ? "blue" : "orange"}>
    {sentence(status)}
  </StatusBadge>
)
