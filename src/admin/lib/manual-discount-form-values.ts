import { AdminApiError } from "./admin-request"
import type { CartSession, ManualDiscountsBody } from "./cart-session-api"
import { currencyDigits } from "./coupon-format"
import type { FieldErrors } from "./coupon-form-values"

/** One manual discount as the form holds it: text as typed. `line_item_id` only for item-level ones. */
export type ManualDiscountRow = {
  key: string
  scope: "cart" | "item"
  line_item_id: string
  amount: string
  name: string
  reason: string
}

/** The row fields an error can sit under; errors are keyed `${index}.${field}`. */
export const ROW_FIELDS = ["line_item_id", "amount", "name", "reason"] as const
export type RowField = (typeof ROW_FIELDS)[number]

let nextKey = 0
const newKey = () => `row-${++nextKey}`

export function emptyRow(scope: "cart" | "item", lineItemId = ""): ManualDiscountRow {
  return { key: newKey(), scope, line_item_id: scope === "item" ? lineItemId : "", amount: "", name: "", reason: "" }
}

/** The session's manual discounts as rows: setting replaces them all, so the form starts from them. */
export function rowsOf(session: Pick<CartSession, "manual_discounts">): ManualDiscountRow[] {
  return session.manual_discounts.map((discount) => ({
    key: newKey(),
    scope: discount.scope,
    line_item_id: discount.line_item_id ?? "",
    amount: String(discount.amount),
    name: discount.name,
    reason: discount.reason ?? "",
  }))
}

export const errorKey = (index: number, field: RowField) => `${index}.${field}`

/** What the form can tell before asking the server: a name, a line, an amount above 0 with the currency's decimals. */
export function validateRows(rows: ManualDiscountRow[], currency: string): FieldErrors {
  const errors: FieldErrors = {}
  const digits = currencyDigits(currency.toUpperCase())
  rows.forEach((row, index) => {
    if (row.scope === "item" && !row.line_item_id) {
      errors[errorKey(index, "line_item_id")] = "Choose a line."
    }
    const amount = row.amount.trim()
    if (!amount) {
      errors[errorKey(index, "amount")] = "Enter an amount."
    } else if (!/^\d+(\.\d+)?$/.test(amount) || Number(amount) <= 0) {
      errors[errorKey(index, "amount")] = "Enter an amount above 0."
    } else if ((amount.split(".")[1]?.length ?? 0) > digits) {
      errors[errorKey(index, "amount")] =
        digits === 0 ? `${currency.toUpperCase()} has no decimals.` : `At most ${digits} decimals in ${currency.toUpperCase()}.`
    }
    if (!row.name.trim()) {
      errors[errorKey(index, "name")] = "Enter a name shoppers will see."
    }
  })
  return errors
}

/**
 * The API body for valid rows, and where each body entry came from: the
 * server names fields as `cart.0.amount` / `items.1.line_item_id`.
 */
export function rowsToBody(rows: ManualDiscountRow[], version?: number) {
  const body: Required<Pick<ManualDiscountsBody, "cart" | "items">> & { version?: number } = { cart: [], items: [], version }
  const rowIndex: Record<string, number> = {}
  rows.forEach((row, index) => {
    const entry = { amount: Number(row.amount.trim()), name: row.name.trim(), reason: row.reason.trim() || null }
    if (row.scope === "cart") {
      rowIndex[`cart.${body.cart.length}`] = index
      body.cart.push(entry)
    } else {
      rowIndex[`items.${body.items.length}`] = index
      body.items.push({ line_item_id: row.line_item_id, ...entry })
    }
  })
  return { body, rowIndex }
}

// The plugin names "cart.0.amount"; the host's validation "cart, 0, amount".
const FIELD_NAME = /field '([A-Za-z_][\w., ]*)'/i

/**
 * Places the server's answer: each part of a 400 under the row field it
 * names, anything else (a conflict, a stale version, a closed session) above
 * the form.
 */
export function placeServerErrors(error: unknown, rowIndex: Record<string, number>): { fields: FieldErrors; form?: string } {
  if (!(error instanceof AdminApiError) || error.status !== 400) {
    return { fields: {}, form: error instanceof Error ? error.message : "Something went wrong." }
  }
  const fields: FieldErrors = {}
  const unplaced: string[] = []
  for (const part of error.message.replace(/^Invalid request:\s*/, "").split(/;\s+/)) {
    const path = FIELD_NAME.exec(part)?.[1].replace(/,\s*/g, ".")
    const [list, position, field] = path?.split(".") ?? []
    const index = rowIndex[`${list}.${position}`]
    if (index !== undefined && (ROW_FIELDS as readonly string[]).includes(field)) {
      const key = errorKey(index, field as RowField)
      fields[key] = fields[key] ? `${fields[key]} ${part}` : part
    } else {
      unplaced.push(part)
    }
  }
  return { fields, form: unplaced.length ? unplaced.join("; ") : undefined }
}
