import { Button, Drawer, Input, toast } from "@medusajs/ui"
import { FormEvent, useEffect } from "react"
import { Coupon, useCreateCoupon, useMerchants, useUpdateCoupon } from "../lib/coupon-api"
import {
  changedFields,
  couponFieldNames,
  couponToValues,
  CouponFormValues,
  emptyCouponValues,
  hasErrors,
  validateCouponValues,
  valuesToBody,
  withoutEmptyRuleFields,
} from "../lib/coupon-form-values"
import { useRuleAttributes } from "../lib/rule-attributes-api"
import { serverFormErrors } from "../lib/server-errors"
import { useFormState } from "../lib/use-form-state"
import { CouponTermsFields } from "./coupon-terms-fields"
import { keepDialogOpenWhileListing } from "./entity-picker"
import { focusFirstError, FormError, FormField } from "./form-field"

type CouponFormDrawerProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The coupon to edit; without one the drawer creates a coupon. */
  coupon?: Coupon
  onSaved?: (coupon: Coupon) => void
}

/** Create or edit a coupon in a drawer; client checks first, then the server's errors under their fields. */
export const CouponFormDrawer = ({ open, onOpenChange, coupon, onSaved }: CouponFormDrawerProps) => {
  const { values, errors, setErrors, formError, setFormError, change, reset } =
    useFormState<CouponFormValues>(emptyCouponValues)
  const { data: merchantList } = useMerchants()
  const attributes = useRuleAttributes().data?.attributes
  const create = useCreateCoupon()
  const update = useUpdateCoupon(coupon?.id ?? "")
  const saving = create.isPending || update.isPending

  useEffect(() => {
    if (open) {
      reset(coupon ? couponToValues(coupon) : emptyCouponValues())
    }
  }, [open, coupon])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const fields = couponFieldNames(values)
    const clientErrors = validateCouponValues(values, attributes)
    setErrors(clientErrors)
    setFormError(undefined)
    if (hasErrors(clientErrors)) {
      focusFirstError("coupon", fields, clientErrors)
      return
    }
    const body = valuesToBody(values, attributes)
    try {
      const saved = coupon
        ? await saveChanges(changedFields(body, valuesToBody(couponToValues(coupon), attributes)))
        : (await create.mutateAsync(withoutEmptyRuleFields(body))).coupon
      toast.success(coupon ? "Coupon saved" : "Coupon created", { description: saved.code })
      onSaved?.(saved)
      onOpenChange(false)
    } catch (error) {
      const placed = serverFormErrors(error, fields)
      setErrors(placed.fields)
      setFormError(placed.form)
      focusFirstError("coupon", fields, placed.fields)
    }
  }

  const saveChanges = async (changes: ReturnType<typeof changedFields>) =>
    Object.keys(changes).length ? (await update.mutateAsync(changes)).coupon : coupon!

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content aria-describedby={undefined} onEscapeKeyDown={keepDialogOpenWhileListing}>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>{coupon ? `Edit ${coupon.code}` : "Create coupon"}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            <FormError message={formError} />
            <FormField
              id="coupon-code"
              label="Code"
              hint='Letters, digits, "_" and "-"; shoppers may type it in any case.'
              error={errors.code}
            >
              <Input
                id="coupon-code"
                value={values.code}
                aria-invalid={errors.code ? true : undefined}
                onChange={(event) => change({ code: event.target.value })}
                placeholder="SUMMER10"
                autoComplete="off"
              />
            </FormField>
            <CouponTermsFields
              idPrefix="coupon"
              values={values}
              onChange={change}
              errors={errors}
              merchants={merchantList?.merchants ?? []}
            />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={saving}>
              {coupon ? "Save" : "Create"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
