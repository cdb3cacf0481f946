import { Prompt, toast } from "@medusajs/ui"
import { useRef } from "react"
import { Coupon, useDeleteCoupon } from "../lib/coupon-api"

type DeleteCouponPromptProps = {
  /** The coupon to delete; the prompt is open while there is one. */
  coupon: Coupon | null
  onClose: () => void
  onDeleted?: () => void
}

/** Asks before deleting; shoppers can no longer use the code afterwards. */
export const DeleteCouponPrompt = ({ coupon: asked, onClose, onDeleted }: DeleteCouponPromptProps) => {
  const remove = useDeleteCoupon()
  // The last coupon asked about stays named while the prompt fades out.
  const lastAsked = useRef(asked)
  lastAsked.current = asked ?? lastAsked.current
  const coupon = lastAsked.current

  const confirm = async () => {
    if (!coupon) {
      return
    }
    try {
      await remove.mutateAsync(coupon.id)
      toast.success("Coupon deleted", { description: coupon.code })
      onClose()
      onDeleted?.()
    } catch (error) {
      toast.error("Could not delete the coupon", {
        description: error instanceof Error ? error.message : undefined,
      })
    }
  }

  return (
    <Prompt open={asked !== null} onOpenChange={(open) => !open && onClose()}>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Delete coupon {coupon?.code}?</Prompt.Title>
          <Prompt.Description>
            Shoppers will no longer be able to use this code; orders that already used it keep their
            discount. This cannot be undone.
          </Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel disabled={remove.isPending}>Cancel</Prompt.Cancel>
          <Prompt.Action
            disabled={remove.isPending}
            onClick={(event) => {
              // Keep the prompt open until the request has answered.
              event.preventDefault()
              void confirm()
            }}
          >
            Delete
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
