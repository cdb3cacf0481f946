import { Container, Heading, Text } from "@medusajs/ui"
import type { CartSession } from "../lib/cart-session-api"
import { shippingAllocationLines } from "../lib/cart-session-format"
import { formatAmount } from "../lib/coupon-format"
import { DiscountStatusBadge, DiscountTargetBadge, DiscountTypeBadge } from "./cart-session-badges"

/**
 * The codes the shopper entered and the automatic coupons that applied themselves, each with its
 * status and the sentence the shopper sees; a shipping code is marked so, with its share of each
 * bag's shipping.
 */
export const CartSessionCodesSection = ({ session }: { session: CartSession }) => {
  const codes = session.discounts.filter((discount) => discount.type === "CODE" || discount.type === "AUTOMATIC")
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Codes</Heading>
      </div>
      {codes.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No codes.
        </Text>
      )}
      {codes.map((code) => (
        <div key={code.id} className="flex flex-col gap-y-1 px-6 py-3" data-testid={`code-${code.code}`}>
          <div className="flex items-center justify-between">
            <div className="flex items-center gap-x-2">
              <Text size="small" weight="plus" className="font-mono">
                {code.code}
              </Text>
              <DiscountTypeBadge type={code.type} />
              <DiscountTargetBadge target={code.target_type} />
              <DiscountStatusBadge status={code.status} />
            </div>
            <Text size="small">−{formatAmount(code.amount_total, session.currency_code)}</Text>
          </div>
          {code.message && (
            <Text size="small" className="text-ui-fg-subtle">
              {code.message}
            </Text>
          )}
          {shippingAllocationLines(code, session.currency_code, session.bags).map((line) => (
            <Text key={line} size="small" className="text-ui-fg-subtle" data-testid={`code-${code.code}-shipping-share`}>
              {line}
            </Text>
          ))}
        </div>
      ))}
    </Container>
  )
}
