import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ReceiptPercent } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { CouponFormDrawer } from "../../components/coupon-form"
import { CouponTable } from "../../components/coupon-table"
import { DeleteCouponPrompt } from "../../components/delete-coupon-prompt"
import { GenerateCouponsDialog } from "../../components/generate-coupons-dialog"
import { Coupon, useMerchants } from "../../lib/coupon-api"

/** The form drawer; `coupon` is kept while it closes so its title does not flip to "Create". */
type FormState = { open: boolean; coupon?: Coupon }

const CouponsPage = () => {
  const { data: merchantList } = useMerchants()
  const [form, setForm] = useState<FormState>({ open: false })
  const [generating, setGenerating] = useState(false)
  const [deleting, setDeleting] = useState<Coupon | null>(null)

  const edit = useCallback((coupon: Coupon) => setForm({ open: true, coupon }), [])

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Coupons</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Checkout discounts: codes for one merchant or the whole store.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={() => setGenerating(true)}>
            Generate codes
          </Button>
          <Button size="small" variant="secondary" onClick={() => setForm({ open: true })}>
            Create
          </Button>
        </div>
      </div>
      <CouponTable merchants={merchantList?.merchants ?? []} onEdit={edit} onDelete={setDeleting} />
      <CouponFormDrawer
        open={form.open}
        coupon={form.coupon}
        onOpenChange={(open) => setForm((previous) => ({ ...previous, open }))}
      />
      <GenerateCouponsDialog open={generating} onOpenChange={setGenerating} />
      <DeleteCouponPrompt coupon={deleting} onClose={() => setDeleting(null)} />
    </Container>
  )
}

export const handle = { breadcrumb: () => "Coupons" }

export const config = defineRouteConfig({
  label: "Coupons",
  icon: ReceiptPercent,
})

export default CouponsPage
