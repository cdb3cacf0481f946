import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import type { CartSession } from "../lib/cart-session-api"
import { addressLines, formatTax, taxInclusion } from "../lib/cart-session-format"
import { formatAmount, formatDateTime } from "../lib/coupon-format"
import { CartSessionStatusBadge } from "./cart-session-badges"

/** Who the session is for and where it ships, its state and its totals. */
export const CartSessionSummarySection = ({ session }: { session: CartSession }) => {
  const money = (amount: number) => formatAmount(amount, session.currency_code)
  const address = addressLines(session.shipping_address)
  const inclusion = taxInclusion(
    session.bags.flatMap((bag) => bag.items),
    session.bags.map((bag) => bag.shipping_method)
  )
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-3">
          <Heading level="h1" className="font-mono">
            {session.id}
          </Heading>
          <CartSessionStatusBadge status={session.status} />
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          Version {session.version}
          {session.priced ? "" : " · waiting to be priced"}
        </Text>
      </div>
      <Row label="Shopper">{session.email ?? "—"}</Row>
      <Row label="Customer">{session.customer_id ?? "Guest"}</Row>
      <Row label="Shipping address">
        <span data-testid="session-shipping-address" className="flex flex-col">
          {address.length ? address.map((line, index) => <span key={index}>{line}</span>) : "No shipping address yet"}
        </span>
      </Row>
      <Row label="Subtotal">{money(session.subtotal)}</Row>
      <Row label="Discounts">
        <span data-testid="session-discount-total">{money(session.discount_total)}</span>
      </Row>
      <Row label="Shipping">
        <span data-testid="session-shipping-total">{money(session.shipping_total)}</span>
      </Row>
      <Row label="Shipping discounts">
        <span data-testid="session-shipping-discount-total">{money(session.shipping_discount_total)}</span>
      </Row>
      <Row label="Tax">
        <span data-testid="session-tax-total">{formatTax(session.tax_total, session.currency_code, inclusion)}</span>
      </Row>
      <Row label="Total">
        <span data-testid="session-total">{money(session.total)}</span>
      </Row>
      <Row label="Created">{formatDateTime(session.created_at)}</Row>
      <Row label="Last change">{formatDateTime(session.updated_at)}</Row>
      <Row label="Expires">{formatDateTime(session.expires_at)}</Row>
      {session.converted_cart_id && <Row label="Cart">{session.converted_cart_id}</Row>}
    </Container>
  )
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <Text size="small" leading="compact">
      {children}
    </Text>
  </div>
)
