import { normalizeCurrencyCode } from "./currency"
import { decimalToFraction, parseDecimal } from "./decimal"
import { PricingError } from "./errors"
import { invalid, requireInteger, requireText } from "./input-checks"
import { LineIndexById, type LineLookup } from "./line-index"
import { checkReach, WHOLE_SCOPE, type CheckedReach } from "./reach-input"
import { checkShippingMethods, type CheckedShippingMethod } from "./shipping-input"
import { checkTax, type CheckedTax } from "./tax"
import type {
  CallerDecidedStatus,
  CodeTargetType,
  DiscountValueType,
  PriceSessionInput,
  PricingCodeInput,
  PricingLineInput,
  PricingManualInput,
} from "./types"

export type CheckedCode = {
  id: string
  code: string
  merchant_id: string | null
  target_type: CodeTargetType
  value_type: DiscountValueType
  value: number
  /** Exact percentage as a fraction; absent for fixed codes and caller-rejected ones. */
  percentage: { numerator: bigint; denominator: bigint } | null
  combinable: boolean
  priority: number
  eligibility: { status: CallerDecidedStatus; message?: string } | null
  min_subtotal: number | null
  /** Which lines and units it may discount; the whole scope, across, for a code the caller rejected. */
  reach: CheckedReach
}

export type CheckedInput = {
  currency_code: string
  lines: PricingLineInput[]
  /** Position of each line by id. */
  lineIndexById: LineLookup
  codes: CheckedCode[]
  manual: PricingManualInput[]
  /** Each line's taxes, aligned with `lines`. */
  lineTaxes: CheckedTax[]
  /** At most one a merchant, each for a merchant with a line. */
  shippingMethods: CheckedShippingMethod[]
}

/** `summary`: stored data read back, where a method of a merchant whose lines are gone is ignored, not refused. */
export type CheckOptions = { summary?: boolean }

const CALLER_STATUSES: ReadonlySet<string> = new Set<CallerDecidedStatus>([
  "INVALID", "EXPIRED", "NOT_STARTED", "USAGE_LIMIT_REACHED", "CUSTOMER_LIMIT_REACHED", "NOT_APPLICABLE", "NOT_ELIGIBLE",
])

export function checkSessionInput(input: PriceSessionInput, options: CheckOptions = {}): CheckedInput {
  if (!input || typeof input !== "object") throw invalid("input", "must be an object", input)
  const currency_code = normalizeCurrencyCode(input.currency_code)
  if (!Array.isArray(input.lines)) throw invalid("lines", "must be an array", input.lines)
  const codes = input.codes ?? []
  const manual = input.manual ?? []
  if (!Array.isArray(codes)) throw invalid("codes", "must be an array", codes)
  if (!Array.isArray(manual)) throw invalid("manual", "must be an array", manual)

  const lineIndexById = new LineIndexById(input.lines.length)
  const lineTaxes = new Array<CheckedTax>(input.lines.length)
  for (let index = 0; index < input.lines.length; index++) {
    const line = input.lines[index]
    if (!isSoundLine(line) || !lineIndexById.add(line.id, index)) {
      explainBadLine(line, `lines[${index}]`, new Set(input.lines.slice(0, index).map((earlier) => earlier.id)))
    }
    // The field's name is built only for a line with taxes: sessions have thousands of lines.
    const untaxed = line.tax_rates == null && line.is_tax_inclusive == null
    lineTaxes[index] = untaxed ? null : checkTax(line.tax_rates, line.is_tax_inclusive, `lines[${index}]`)
  }
  const merchants = new Set<string>()
  for (const line of input.lines) merchants.add(line.merchant_id)
  const shippingMethods = checkShippingMethods(input.shipping_methods, merchants, options.summary === true)
  const discountIds = new Set<string>()
  const checkedCodes = codes.map((code, index) => checkCode(code, `codes[${index}]`, discountIds, lineIndexById))
  manual.forEach((discount, index) => checkManual(discount, `manual[${index}]`, discountIds))
  return { currency_code, lines: input.lines, lineIndexById, codes: checkedCodes, manual, lineTaxes, shippingMethods }
}

function claimId(ids: Set<string>, id: string, field: string): void {
  if (ids.has(id)) throw new PricingError("DUPLICATE_ID", `${field} ${JSON.stringify(id)} is used twice`, field)
  ids.add(id)
}

function isSafeIntegerAtLeast(value: unknown, minimum: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= minimum
}

// Sessions can hold thousands of lines: check them cheaply, and build field names only to explain a failure.
function isSoundLine(line: PricingLineInput): boolean {
  return (
    typeof line === "object" &&
    line !== null &&
    typeof line.id === "string" &&
    line.id.length > 0 &&
    typeof line.merchant_id === "string" &&
    line.merchant_id.length > 0 &&
    isSafeIntegerAtLeast(line.unit_price, 0) &&
    isSafeIntegerAtLeast(line.quantity, 1) &&
    Number.isSafeInteger(line.unit_price * line.quantity)
  )
}

function explainBadLine(line: PricingLineInput, path: string, ids: Set<string>): never {
  if (!line || typeof line !== "object") throw invalid(path, "must be an object", line)
  claimId(ids, requireText(line.id, `${path}.id`), `${path}.id`)
  requireText(line.merchant_id, `${path}.merchant_id`)
  requireInteger(line.unit_price, `${path}.unit_price`, 0)
  requireInteger(line.quantity, `${path}.quantity`, 1)
  if (!Number.isSafeInteger(line.unit_price * line.quantity)) {
    throw new PricingError(
      "AMOUNT_OUT_OF_RANGE",
      `${path} subtotal (unit_price × quantity) is beyond the safe integer range`,
      path
    )
  }
  throw invalid(path, "is not a valid line", line)
}

function checkCode(
  code: PricingCodeInput,
  path: string,
  ids: Set<string>,
  lineIndexById: LineLookup
): CheckedCode {
  if (!code || typeof code !== "object") throw invalid(path, "must be an object", code)
  claimId(ids, requireText(code.id, `${path}.id`), `${path}.id`)
  requireText(code.code, `${path}.code`)
  const merchant_id = code.merchant_id ?? null
  if (merchant_id !== null) requireText(merchant_id, `${path}.merchant_id`)
  const priority = code.priority ?? 0
  if (typeof priority !== "number" || !Number.isFinite(priority)) {
    throw invalid(`${path}.priority`, "must be a finite number", priority)
  }
  const min_subtotal = code.min_subtotal ?? null
  if (min_subtotal !== null) requireInteger(min_subtotal, `${path}.min_subtotal`, 0)

  const target_type = code.target_type ?? "items"
  if (target_type !== "items" && target_type !== "shipping_methods") {
    throw invalid(`${path}.target_type`, 'must be "items" or "shipping_methods"', code.target_type)
  }
  const eligibility = code.eligibility ?? null
  if (eligibility !== null && !CALLER_STATUSES.has(eligibility.status)) {
    throw invalid(`${path}.eligibility.status`, `must be one of ${[...CALLER_STATUSES].join(", ")}`, eligibility.status)
  }
  let percentage: CheckedCode["percentage"] = null
  let reach = WHOLE_SCOPE
  // A code the caller already rejected may have no coupon behind it, so its value and reach are not checked.
  if (eligibility === null) {
    if (target_type === "shipping_methods") refuseItemFields(code, path)
    else reach = checkReach(code, path, lineIndexById)
    if (typeof code.combinable !== "boolean") throw invalid(`${path}.combinable`, "must be a boolean", code.combinable)
    if (code.value_type === "percentage") {
      if (typeof code.value !== "number" || !Number.isFinite(code.value) || code.value <= 0 || code.value > 100) {
        throw invalid(`${path}.value`, "must be a percentage above 0 and at most 100", code.value)
      }
      percentage = decimalToFraction(parseDecimal(code.value, `${path}.value`))
    } else if (code.value_type === "fixed") {
      requireInteger(code.value, `${path}.value`, 1)
    } else {
      throw invalid(`${path}.value_type`, 'must be "percentage" or "fixed"', code.value_type)
    }
  }
  return {
    id: code.id,
    code: code.code,
    merchant_id,
    target_type,
    value_type: code.value_type,
    value: code.value,
    percentage,
    combinable: code.combinable === true,
    priority,
    eligibility,
    min_subtotal,
    reach,
  }
}

const ITEM_FIELDS = ["target_line_ids", "allocation", "max_quantity", "buy_get"] as const

/** A shipping code discounts whole shipping methods: fields that pick lines or units do not fit it. */
function refuseItemFields(code: PricingCodeInput, path: string): void {
  for (const field of ITEM_FIELDS) {
    if (code[field] != null) throw invalid(`${path}.${field}`, "must be absent for a shipping_methods code", code[field])
  }
}

function checkManual(discount: PricingManualInput, path: string, ids: Set<string>): void {
  if (!discount || typeof discount !== "object") throw invalid(path, "must be an object", discount)
  claimId(ids, requireText(discount.id, `${path}.id`), `${path}.id`)
  if (discount.scope === "item") {
    requireText(discount.line_id, `${path}.line_id`)
  } else if (discount.scope !== "cart") {
    throw invalid(`${path}.scope`, 'must be "cart" or "item"', discount.scope)
  }
  requireInteger(discount.amount, `${path}.amount`, 1)
  if (discount.name != null && typeof discount.name !== "string") {
    throw invalid(`${path}.name`, "must be a string", discount.name)
  }
}
