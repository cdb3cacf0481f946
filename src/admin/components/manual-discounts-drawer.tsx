import { Trash } from "@medusajs/icons"
import { Button, Drawer, IconButton, Input, Select, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { CartSession, useSetManualDiscounts } from "../lib/cart-session-api"
import type { FieldErrors } from "../lib/coupon-form-values"
import {
  emptyRow,
  errorKey,
  ManualDiscountRow,
  placeServerErrors,
  RowField,
  rowsOf,
  rowsToBody,
  validateRows,
} from "../lib/manual-discount-form-values"
import { FormError, FormField } from "./form-field"

type ManualDiscountsDrawerProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  session: CartSession
}

const fieldId = (index: number, field: RowField) => `manual-${index}-${field}`

/**
 * Sets the session's manual discounts, all at once: they replace the ones it
 * has, so the form starts from those. Client checks first, then the server's
 * errors under their row's field, and a conflict (a line a code discounts)
 * above the form.
 */
export const ManualDiscountsDrawer = ({ open, onOpenChange, session }: ManualDiscountsDrawerProps) => {
  const [rows, setRows] = useState<ManualDiscountRow[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const save = useSetManualDiscounts(session.id)
  const lines = session.bags.flatMap((bag) => bag.items.map((line) => ({ ...line, merchant_id: bag.merchant_id })))

  useEffect(() => {
    if (open) {
      setRows(session.manual_discounts.length ? rowsOf(session) : [emptyRow("cart")])
      setErrors({})
      setFormError(undefined)
    }
    // The form starts from the session as it was when the drawer opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const change = (index: number, patch: Partial<ManualDiscountRow>) => {
    setRows((previous) => previous.map((row, position) => (position === index ? { ...row, ...patch } : row)))
    setErrors((previous) => {
      const next = { ...previous }
      Object.keys(patch).forEach((field) => delete next[errorKey(index, field as RowField)])
      return next
    })
  }
  const remove = (index: number) => {
    setRows((previous) => previous.filter((_, position) => position !== index))
    setErrors({})
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(undefined)
    const clientErrors = validateRows(rows, session.currency_code)
    setErrors(clientErrors)
    if (Object.keys(clientErrors).length) {
      return
    }
    if (!rows.length) {
      setFormError("Add a discount, or clear the manual discounts from the session's page.")
      return
    }
    const { body, rowIndex } = rowsToBody(rows, session.version)
    try {
      await save.mutateAsync(body)
      toast.success("Manual discounts saved")
      onOpenChange(false)
    } catch (error) {
      const placed = placeServerErrors(error, rowIndex)
      setErrors(placed.fields)
      setFormError(placed.form)
    }
  }

  const currency = session.currency_code.toUpperCase()
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content aria-describedby={undefined}>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Manual discounts</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              Saving replaces every manual discount of the session. A cart-level amount is shared over all lines by
              value; an item-level amount stays on its line, which codes then leave out. Both apply before codes.
            </Text>
            <FormError message={formError} />
            {rows.map((row, index) => (
              <fieldset key={row.key} className="border-ui-border-base flex flex-col gap-y-4 rounded-md border p-4" data-testid={`manual-row-${index}`}>
                <div className="flex items-center justify-between">
                  <Text size="small" weight="plus">
                    {row.scope === "cart" ? "Cart-level discount" : "Item discount"}
                  </Text>
                  <IconButton size="small" variant="transparent" type="button" aria-label="Remove discount" onClick={() => remove(index)}>
                    <Trash />
                  </IconButton>
                </div>
                {row.scope === "item" && (
                  <FormField id={fieldId(index, "line_item_id")} label="Line" error={errors[errorKey(index, "line_item_id")]}>
                    <Select value={row.line_item_id} onValueChange={(value) => change(index, { line_item_id: value })}>
                      <Select.Trigger id={fieldId(index, "line_item_id")} aria-invalid={errors[errorKey(index, "line_item_id")] ? true : undefined}>
                        <Select.Value placeholder="Choose a line" />
                      </Select.Trigger>
                      <Select.Content>
                        {lines.map((line) => (
                          <Select.Item key={line.id} value={line.id}>
                            {line.title} ({line.merchant_id})
                          </Select.Item>
                        ))}
                      </Select.Content>
                    </Select>
                  </FormField>
                )}
                <div className="grid grid-cols-2 gap-4">
                  <FormField id={fieldId(index, "amount")} label={`Amount (${currency})`} error={errors[errorKey(index, "amount")]}>
                    <Input
                      id={fieldId(index, "amount")}
                      value={row.amount}
                      inputMode="decimal"
                      placeholder="5.00"
                      aria-invalid={errors[errorKey(index, "amount")] ? true : undefined}
                      onChange={(event) => change(index, { amount: event.target.value })}
                    />
                  </FormField>
                  <FormField id={fieldId(index, "name")} label="Name" hint="Shoppers see it." error={errors[errorKey(index, "name")]}>
                    <Input
                      id={fieldId(index, "name")}
                      value={row.name}
                      placeholder="Goodwill"
                      aria-invalid={errors[errorKey(index, "name")] ? true : undefined}
                      onChange={(event) => change(index, { name: event.target.value })}
                    />
                  </FormField>
                </div>
                <FormField id={fieldId(index, "reason")} label="Reason" optional hint="Staff only." error={errors[errorKey(index, "reason")]}>
                  <Input
                    id={fieldId(index, "reason")}
                    value={row.reason}
                    placeholder="Late delivery of the last order"
                    onChange={(event) => change(index, { reason: event.target.value })}
                  />
                </FormField>
              </fieldset>
            ))}
            <div className="flex gap-x-2">
              <Button size="small" variant="secondary" type="button" onClick={() => setRows((previous) => [...previous, emptyRow("cart")])}>
                Add cart-level discount
              </Button>
              <Button
                size="small"
                variant="secondary"
                type="button"
                disabled={!lines.length}
                onClick={() => setRows((previous) => [...previous, emptyRow("item", lines[0]?.id)])}
              >
                Add item discount
              </Button>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending}>
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
