import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, UIMatch, useNavigate, useParams } from "react-router-dom"
import { CouponFormDrawer } from "../../../components/coupon-form"
import { CouponGeneralSection } from "../../../components/coupon-general-section"
import { CouponRulesSection } from "../../../components/coupon-rules-section"
import { CouponUsageSection } from "../../../components/coupon-usage-section"
import { DeleteCouponPrompt } from "../../../components/delete-coupon-prompt"
import { AdminApiError } from "../../../lib/admin-request"
import { useCoupon, useMerchants } from "../../../lib/coupon-api"

const CouponDetailPage = () => {
  const { id } = useParams() as { id: string }
  const navigate = useNavigate()
  const { data, isLoading, error } = useCoupon(id)
  const { data: merchantList } = useMerchants()
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)

  if (isLoading) {
    return (
      <Container>
        <Text size="small">Loading coupon…</Text>
      </Container>
    )
  }
  const missing = error instanceof AdminApiError && error.status === 404
  if (!data || missing) {
    return (
      <Container className="flex flex-col items-start gap-y-3">
        <Heading>{missing ? "Coupon not found" : "Could not load the coupon"}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {missing ? "It may have been deleted." : error?.message}
        </Text>
        <Button size="small" variant="secondary" asChild>
          <Link to="/coupons">Back to coupons</Link>
        </Button>
      </Container>
    )
  }

  const { coupon } = data
  return (
    <div className="flex flex-col gap-y-3 xl:flex-row xl:items-start xl:gap-x-4">
      <div className="flex w-full flex-col gap-y-3">
        <CouponGeneralSection
          coupon={coupon}
          merchants={merchantList?.merchants ?? []}
          onEdit={() => setEditing(true)}
          onDelete={() => setDeleting(true)}
        />
        <CouponRulesSection coupon={coupon} />
      </div>
      <div className="flex w-full flex-col gap-y-3 xl:max-w-[440px]">
        <CouponUsageSection coupon={coupon} />
      </div>
      <CouponFormDrawer open={editing} onOpenChange={setEditing} coupon={coupon} />
      <DeleteCouponPrompt
        coupon={deleting ? coupon : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => navigate("/coupons", { replace: true })}
      />
    </div>
  )
}

/** The breadcrumb shows the coupon's code (from the query cache once the page has loaded it). */
const CouponBreadcrumb = ({ id }: { id: string }) => {
  const { data } = useCoupon(id)
  return <span className="font-mono">{data?.coupon.code ?? "Coupon"}</span>
}

export const handle = {
  breadcrumb: (match: UIMatch) => <CouponBreadcrumb id={(match.params as { id: string }).id} />,
}

export default CouponDetailPage
