import { AdminApiError } from "./admin-request"
import type { FieldErrors } from "./coupon-form-values"

/** Machine codes that are always about one field, whatever their message says. */
const CODE_FIELDS: Record<string, string> = {
  COUPON_CODE_TAKEN: "code",
}

// "Field 'value' must …", "… for field 'usage_limit', got …", "Value for field 'x' too small …"
const FIELD_NAME = /field '([A-Za-z_][\w.]*)'/i

export type ServerFormErrors = { fields: FieldErrors; form?: string }

/**
 * Places an API error next to the form's fields: a machine code known to be
 * about one field, else each part of a 400's message under the field it names
 * (when the form has that field), else a form-level message.
 */
export function serverFormErrors(error: unknown, formFields: readonly string[]): ServerFormErrors {
  if (!(error instanceof AdminApiError)) {
    return { fields: {}, form: error instanceof Error ? error.message : "Something went wrong." }
  }
  const codeField = error.code ? CODE_FIELDS[error.code] : undefined
  if (codeField && formFields.includes(codeField)) {
    return { fields: { [codeField]: error.message } }
  }
  if (error.status !== 400) {
    return { fields: {}, form: error.message }
  }
  const fields: FieldErrors = {}
  const unplaced: string[] = []
  const message = error.message.replace(/^Invalid request:\s*/, "")
  for (const part of message.split(/;\s+/)) {
    const field = FIELD_NAME.exec(part)?.[1]
    if (field && formFields.includes(field)) {
      fields[field] = fields[field] ? `${fields[field]} ${part}` : part
    } else {
      unplaced.push(part)
    }
  }
  return { fields, form: unplaced.length ? unplaced.join("; ") : undefined }
}
