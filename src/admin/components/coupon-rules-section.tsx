import { Container, Heading, Text } from "@medusajs/ui"
import type { Coupon } from "../lib/coupon-api"

/** The coupon's rules in sentences, as the server words them (ids named): who may use it, which items, how many. */
export const CouponRulesSection = ({ coupon }: { coupon: Coupon }) => {
  const sentences = coupon.rules_description ?? []
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Rules</Heading>
      </div>
      {sentences.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No rules: every shopper may use it, on every item.
        </Text>
      ) : (
        <ul className="flex flex-col gap-y-2 px-6 py-4" data-testid="coupon-rules">
          {sentences.map((sentence) => (
            <li key={sentence}>
              <Text size="small">{sentence}</Text>
            </li>
          ))}
        </ul>
      )}
    </Container>
  )
}
