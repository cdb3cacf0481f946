import { Hint, Label, Switch, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type FormFieldProps = {
  /** The control's id; the error gets `<id>-error` so tests and screen readers can find it. */
  id: string
  label: string
  optional?: boolean
  hint?: string
  error?: string
  children: ReactNode
}

/** A label, the control, and its hint or error right below it. */
export const FormField = ({ id, label, optional, hint, error, children }: FormFieldProps) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
      {optional && <span className="text-ui-fg-muted font-normal"> (optional)</span>}
    </Label>
    {children}
    {error ? (
      <Hint id={`${id}-error`} variant="error" role="alert">
        {error}
      </Hint>
    ) : (
      hint && <Hint>{hint}</Hint>
    )}
  </div>
)

/** An error about the whole form (not one field), e.g. a 409 with no field. */
export const FormError = ({ message }: { message?: string }) =>
  message ? (
    <div
      role="alert"
      data-testid="form-error"
      className="bg-ui-bg-subtle border-ui-border-error rounded-md border px-3 py-2"
    >
      <Text size="small" className="text-ui-fg-error">
        {message}
      </Text>
    </div>
  ) : null

/** Moves the focus to the first control (in form order) that has an error. */
export function focusFirstError(idPrefix: string, fieldOrder: readonly string[], errors: Record<string, unknown>) {
  const field = fieldOrder.find((name) => errors[name])
  if (field) {
    requestAnimationFrame(() => document.getElementById(`${idPrefix}-${field}`)?.focus())
  }
}

type SwitchRowProps = {
  id: string
  label: string
  description: string
  checked: boolean
  onChange: (checked: boolean) => void
  error?: string
}

/** A yes/no field: the switch and what it means. */
export const SwitchRow = ({ id, label, description, checked, onChange, error }: SwitchRowProps) => (
  <FormField id={id} label={label} error={error}>
    <div className="flex items-center gap-x-3">
      <Switch id={id} checked={checked} onCheckedChange={onChange} />
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
  </FormField>
)
