import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ReceiptPercent } from "@medusajs/icons"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"

type Merchant = { id: string; handle: string; name: string | null }

const CouponsPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["checkout-discounts", "merchants"],
    queryFn: () =>
      sdk.client.fetch<{ merchants: Merchant[]; count: number }>("/admin/merchants", {
        query: { limit: 100 },
      }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Coupons</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Checkout discounts: coupons per merchant or store-wide.
          </Text>
        </div>
      </div>
      <div className="px-6 py-4">
        <Heading level="h2">Merchants</Heading>
        {isLoading && <Text>Loading…</Text>}
        {error && <Text className="text-ui-fg-error">Could not load merchants.</Text>}
        {data && (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Merchant</Table.HeaderCell>
                <Table.HeaderCell>Name</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.merchants.map((merchant) => (
                <Table.Row key={merchant.id}>
                  <Table.Cell>{merchant.handle}</Table.Cell>
                  <Table.Cell>{merchant.name ?? "—"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </div>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Coupons",
  icon: ReceiptPercent,
})

export default CouponsPage
