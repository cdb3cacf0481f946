import { useState } from "react"
import { FieldErrors } from "./coupon-form-values"

/**
 * Values, per-field errors and a form-level error of one form. `change`
 * merges a patch and clears the errors of the fields it touched, with those
 * of their parts (`rules` clears `rules.0`).
 */
export function useFormState<Values extends object>(initial: () => Values) {
  const [values, setValues] = useState<Values>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()

  const change = (patch: Partial<Values>) => {
    setValues((previous) => ({ ...previous, ...patch }))
    setErrors((previous) => {
      const next = { ...previous }
      const touched = Object.keys(patch)
      for (const field of Object.keys(next)) {
        if (touched.some((name) => field === name || field.startsWith(`${name}.`))) delete next[field]
      }
      return next
    })
  }

  /** Back to `next` values with no errors (when the form opens). */
  const reset = (next: Values) => {
    setValues(next)
    setErrors({})
    setFormError(undefined)
  }

  return { values, errors, setErrors, formError, setFormError, change, reset }
}
