import { AdminApiError } from "./admin-request"
import type { FieldErrors } from "./coupon-form-values"

/** Machine codes that are always about one field, whatever their message says. */
const CODE_FIELDS: Record<string, string> = {
  COUPON_CODE_TAKEN: "code",
}

// "Field 'value' must …", "… for field 'usage_limit', got …", "Value for field 'x' too small …";
// a nested path is dotted in the plugin's messages ('rules.0.values.1') and comma-separated in zod's ('rules, 0, values').
const FIELD_NAME = /field '([A-Za-z_][\w.]*(?:, \w+)*)'/i

/** A 400's messages, joined by "; " by the host; a part not starting with a capital continues the message before it. */
function messagesOf(message: string): string[] {
  const messages: string[] = []
  for (const part of message.replace(/^Invalid request:\s*/, "").split(/;\s+/)) {
    if (messages.length && !/^[A-Z]/.test(part)) {
      messages[messages.length - 1] += `; ${part}`
    } else {
      messages.push(part)
    }
  }
  return messages
}

export type ServerFormErrors = { fields: FieldErrors; form?: string }

/**
 * The form field a server's field path belongs to: the path itself, else its longest leading part the form
 * has (`rules.0.values.1` → the rule row `rules.0`, else the list `rules`).
 */
export function formFieldOf(path: string, formFields: readonly string[]): string | undefined {
  const parts = path.split(".")
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join(".")
    if (formFields.includes(candidate)) return candidate
  }
  return undefined
}

/**
 * Places an API error next to the form's fields: a machine code known to be
 * about one field, else each part of a 400's message under the field it names
 * (or the part of the form that holds it, see `formFieldOf`), else a form-level message.
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
  for (const part of messagesOf(error.message)) {
    const path = FIELD_NAME.exec(part)?.[1]?.replace(/, /g, ".")
    const field = path ? formFieldOf(path, formFields) : undefined
    if (field) {
      fields[field] = fields[field] ? `${fields[field]} ${part}` : part
    } else {
      unplaced.push(part)
    }
  }
  return { fields, form: unplaced.length ? unplaced.join("; ") : undefined }
}
