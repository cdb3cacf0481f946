import { PencilSquare, Trash } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import type { Coupon, Merchant } from "../lib/coupon-api"
import { formatAmount, formatCouponValue, formatDateTime, merchantLabel, targetTypeLabel } from "../lib/coupon-format"
import { CouponStatusBadge } from "./coupon-status-badge"

type CouponGeneralSectionProps = {
  coupon: Coupon
  merchants: Merchant[]
  onEdit: () => void
  onDelete: () => void
}

/** The coupon's terms, one row a field, with the edit and delete actions. */
export const CouponGeneralSection = ({ coupon, merchants, onEdit, onDelete }: CouponGeneralSectionProps) => (
  <Container className="divide-y p-0">
    <div className="flex items-center justify-between px-6 py-4">
      <div className="flex items-center gap-x-3">
        <Heading level="h1" className="font-mono">
          {coupon.code}
        </Heading>
        <CouponStatusBadge coupon={coupon} />
      </div>
      <div className="flex items-center gap-x-2">
        <Button size="small" variant="secondary" onClick={onEdit}>
          <PencilSquare /> Edit
        </Button>
        <Button size="small" variant="danger" onClick={onDelete}>
          <Trash /> Delete
        </Button>
      </div>
    </div>
    <Row label="Name">{coupon.name || "—"}</Row>
    <Row label="Merchant">{merchantLabel(coupon.merchant_id, merchants)}</Row>
    <Row label="Value">{formatCouponValue(coupon)} off</Row>
    <Row label="Discounts">{targetTypeLabel(coupon.target_type)}</Row>
    <Row label="Currency">{coupon.currency_code?.toUpperCase() ?? "—"}</Row>
    <Row label="Minimum subtotal">
      {coupon.min_subtotal === null ? "None" : formatAmount(coupon.min_subtotal, coupon.currency_code)}
    </Row>
    <Row label="Starts">{coupon.starts_at ? formatDateTime(coupon.starts_at) : "Immediately"}</Row>
    <Row label="Ends">{coupon.ends_at ? formatDateTime(coupon.ends_at) : "Never"}</Row>
    <Row label="Combinable">{coupon.combinable ? "Yes, with other codes" : "No, used alone"}</Row>
    <Row label="Priority">{coupon.priority}</Row>
    <Row label="Active">{coupon.is_active ? "Yes" : "No"}</Row>
    <Row label="Automatic">{coupon.is_automatic ? "Yes, applies without a code" : "No, needs its code"}</Row>
  </Container>
)

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <Text size="small" leading="compact">
      {children}
    </Text>
  </div>
)
