import { Button, Container, Heading, Prompt, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { CartSession, ManualDiscount, useClearManualDiscounts } from "../lib/cart-session-api"
import { formatAmount, formatDateTime } from "../lib/coupon-format"
import { DiscountStatusBadge } from "./cart-session-badges"
import { ManualDiscountsDrawer } from "./manual-discounts-drawer"

/** Staff's discounts on the session: what, on what, who and why; set (replacing them all) or clear them. */
export const ManualDiscountsSection = ({ session }: { session: CartSession }) => {
  const [editing, setEditing] = useState(false)
  const [clearing, setClearing] = useState(false)
  const clear = useClearManualDiscounts(session.id)
  const isOpen = session.status === "open"
  const lineTitle = new Map(session.bags.flatMap((bag) => bag.items.map((line) => [line.id, line.title] as const)))

  const confirmClear = async () => {
    try {
      await clear.mutateAsync({ version: session.version })
      toast.success("Manual discounts cleared")
      setClearing(false)
    } catch (error) {
      toast.error("Could not clear the manual discounts", {
        description: error instanceof Error ? error.message : undefined,
      })
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Manual discounts</Heading>
        <div className="flex items-center gap-x-2">
          {session.manual_discounts.length > 0 && (
            <Button size="small" variant="secondary" disabled={!isOpen} onClick={() => setClearing(true)}>
              Clear
            </Button>
          )}
          <Button size="small" variant="secondary" disabled={!isOpen} onClick={() => setEditing(true)}>
            Set manual discounts
          </Button>
        </div>
      </div>
      {session.manual_discounts.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {isOpen ? "None. Staff can take an amount off the cart or off one line." : "None."}
        </Text>
      )}
      {session.manual_discounts.map((discount) => (
        <ManualDiscountRow key={discount.id} discount={discount} session={session} lineTitle={lineTitle} />
      ))}
      <ManualDiscountsDrawer open={editing} onOpenChange={setEditing} session={session} />
      <Prompt open={clearing} onOpenChange={setClearing}>
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>Clear the manual discounts?</Prompt.Title>
            <Prompt.Description>
              Every manual discount of this session is removed and the session is priced again.
            </Prompt.Description>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel disabled={clear.isPending}>Cancel</Prompt.Cancel>
            <Prompt.Action
              disabled={clear.isPending}
              onClick={(event) => {
                // Keep the prompt open until the request has answered.
                event.preventDefault()
                void confirmClear()
              }}
            >
              Clear
            </Prompt.Action>
          </Prompt.Footer>
        </Prompt.Content>
      </Prompt>
    </Container>
  )
}

type ManualDiscountRowProps = { discount: ManualDiscount; session: CartSession; lineTitle: Map<string, string> }

const ManualDiscountRow = ({ discount, session, lineTitle }: ManualDiscountRowProps) => {
  const money = (amount: number) => formatAmount(amount, session.currency_code)
  const target =
    discount.scope === "cart" ? "the cart" : lineTitle.get(discount.line_item_id ?? "") ?? "a line no longer in the cart"
  const author = discount.created_by_user?.email ?? discount.created_by ?? "unknown"
  return (
    <div className="flex flex-col gap-y-1 px-6 py-3" data-testid="manual-discount">
      <div className="flex items-center justify-between">
        <div className="flex items-center gap-x-2">
          <Text size="small" weight="plus">
            {discount.name}
          </Text>
          <DiscountStatusBadge status={discount.status} />
        </div>
        <Text size="small">−{money(discount.amount_total)}</Text>
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        {money(discount.amount)} off {target}, by {author} on {formatDateTime(discount.created_at)}
      </Text>
      {discount.reason && (
        <Text size="small" className="text-ui-fg-subtle">
          Reason: {discount.reason}
        </Text>
      )}
      {discount.message && discount.status !== "APPLIED" && (
        <Text size="small" className="text-ui-fg-subtle">
          {discount.message}
        </Text>
      )}
    </div>
  )
}
