import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ShoppingCart } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { CartSessionTable } from "../../components/cart-session-table"

const CartSessionsPage = () => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h1">Cart sessions</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Shoppers' carts before checkout, one bag per merchant; open one to see its codes or give a manual discount.
      </Text>
    </div>
    <CartSessionTable />
  </Container>
)

export const handle = { breadcrumb: () => "Cart sessions" }

export const config = defineRouteConfig({
  label: "Cart sessions",
  icon: ShoppingCart,
})

export default CartSessionsPage
