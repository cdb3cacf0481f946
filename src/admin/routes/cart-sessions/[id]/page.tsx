import { Button, Container, Heading, Text } from "@medusajs/ui"
import { Link, UIMatch, useParams } from "react-router-dom"
import { CartSessionBagsSection } from "../../../components/cart-session-bags-section"
import { CartSessionCodesSection } from "../../../components/cart-session-codes-section"
import { CartSessionSummarySection } from "../../../components/cart-session-summary-section"
import { ManualDiscountsSection } from "../../../components/manual-discounts-section"
import { AdminApiError } from "../../../lib/admin-request"
import { useCartSession } from "../../../lib/cart-session-api"

const CartSessionDetailPage = () => {
  const { id } = useParams() as { id: string }
  const { data, isLoading, error } = useCartSession(id)

  if (isLoading) {
    return (
      <Container>
        <Text size="small">Loading cart session…</Text>
      </Container>
    )
  }
  const missing = error instanceof AdminApiError && error.status === 404
  if (!data || missing) {
    return (
      <Container className="flex flex-col items-start gap-y-3">
        <Heading>{missing ? "Cart session not found" : "Could not load the cart session"}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {missing ? "Check the id." : error?.message}
        </Text>
        <Button size="small" variant="secondary" asChild>
          <Link to="/cart-sessions">Back to cart sessions</Link>
        </Button>
      </Container>
    )
  }

  const session = data.cart_session
  return (
    <div className="flex flex-col gap-y-3 xl:flex-row xl:items-start xl:gap-x-4">
      <div className="flex w-full flex-col gap-y-3">
        <CartSessionSummarySection session={session} />
        <CartSessionBagsSection session={session} />
      </div>
      <div className="flex w-full flex-col gap-y-3 xl:max-w-[440px]">
        <CartSessionCodesSection session={session} />
        <ManualDiscountsSection session={session} />
      </div>
    </div>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => <span className="font-mono">{(match.params as { id: string }).id}</span>,
}

export default CartSessionDetailPage
