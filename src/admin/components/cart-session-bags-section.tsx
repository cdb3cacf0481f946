import { Container, Heading, Table, Text } from "@medusajs/ui"
import type { CartSession, CartSessionBag } from "../lib/cart-session-api"
import { formatShippingMethod, formatTax, taxInclusion } from "../lib/cart-session-format"
import { formatAmount } from "../lib/coupon-format"

/**
 * Every merchant's bag: its lines with what each discount took and their tax, the bag's discounts,
 * its shipping method with its shipping discounts, and its totals.
 */
export const CartSessionBagsSection = ({ session }: { session: CartSession }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h2">Bags</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        One per merchant, each priced on its own.
      </Text>
    </div>
    {session.bags.length === 0 && (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        The session has no items.
      </Text>
    )}
    {session.bags.map((bag) => (
      <BagBlock key={bag.merchant_id} bag={bag} session={session} />
    ))}
  </Container>
)

const BagBlock = ({ bag, session }: { bag: CartSessionBag; session: CartSession }) => {
  const money = (amount: number) => formatAmount(amount, session.currency_code)
  const names = new Map(session.discounts.map((discount) => [discount.id, discount.code ?? discount.name ?? "Manual"]))
  const merchant = bag.merchant_id
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid={`bag-${merchant}`}>
      <Text size="small" weight="plus">
        Merchant {bag.merchant_name || merchant}
      </Text>
      {bag.shipping_message && (
        <Text size="small" className="text-ui-fg-error" data-testid={`bag-shipping-message-${merchant}`}>
          {bag.shipping_message}
        </Text>
      )}
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Item</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Qty</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Subtotal</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Discount</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Tax</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Total</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {bag.items.map((line) => (
            <Table.Row key={line.id} data-testid={`line-${line.id}`}>
              <Table.Cell>
                {line.title}
                {line.is_add_on ? " (add-on)" : ""}
              </Table.Cell>
              <Table.Cell className="text-right">{line.quantity}</Table.Cell>
              <Table.Cell className="text-right">{money(line.subtotal)}</Table.Cell>
              <Table.Cell className="text-right">{line.discount_total ? `−${money(line.discount_total)}` : "—"}</Table.Cell>
              <Table.Cell className="text-right">
                {formatTax(line.tax_total, session.currency_code, line.is_tax_inclusive ? "included" : "added")}
              </Table.Cell>
              <Table.Cell className="text-right">{money(line.total)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <div className="flex flex-col items-end gap-y-1">
        {bag.discounts.map((discount) => (
          <Text key={discount.id} size="small" className="text-ui-fg-subtle">
            {names.get(discount.id)}: −{money(discount.amount)}
          </Text>
        ))}
        <Text size="small" data-testid={`bag-shipping-method-${merchant}`}>
          Shipping method: {formatShippingMethod(bag.shipping_method, session.currency_code)}
        </Text>
        {bag.shipping_discounts.map((discount) => (
          <Text key={discount.id} size="small" className="text-ui-fg-subtle">
            {names.get(discount.id)} on shipping: −{money(discount.amount)}
          </Text>
        ))}
        <Text size="small">
          Shipping <span data-testid={`bag-shipping-total-${merchant}`}>{money(bag.shipping_total)}</span>
        </Text>
        {bag.shipping_discount_total !== 0 && (
          <Text size="small">
            Shipping discounts{" "}
            <span data-testid={`bag-shipping-discount-total-${merchant}`}>−{money(bag.shipping_discount_total)}</span>
          </Text>
        )}
        <Text size="small">
          Tax{" "}
          <span data-testid={`bag-tax-total-${merchant}`}>
            {formatTax(bag.tax_total, session.currency_code, taxInclusion(bag.items, [bag.shipping_method]), {
              items: bag.item_tax_total,
              shipping: bag.shipping_tax_total,
            })}
          </span>
        </Text>
        <Text size="small" weight="plus">
          Bag total <span data-testid={`bag-total-${merchant}`}>{money(bag.total)}</span>
        </Text>
      </div>
    </div>
  )
}
