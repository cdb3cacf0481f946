import { PricingError } from "./errors"
import { invalid, requireInteger } from "./input-checks"
import type { LineLookup } from "./line-index"
import type { CodeAllocation, PricingCodeInput } from "./types"

/** Which lines and units a code may discount, as checked input (line indexes instead of ids). */
export type CheckedReach = {
  /** Lines its target rules matched; `null` = every line of its scope. */
  targetLineIndexes: ReadonlySet<number> | null
  target_description: string | null
  allocation: CodeAllocation
  max_quantity: number | null
  buy_get: CheckedBuyGet | null
}

export type CheckedBuyGet = {
  lineIndexes: ReadonlySet<number>
  buy_min_quantity: number
  apply_to_quantity: number
  description: string | null
}

/** A code's reach when nothing narrows it: every line of its scope, shared across. */
export const WHOLE_SCOPE: CheckedReach = {
  targetLineIndexes: null,
  target_description: null,
  allocation: "across",
  max_quantity: null,
  buy_get: null,
}

const ALLOCATIONS: readonly CodeAllocation[] = ["across", "each", "once"]

export function checkReach(code: PricingCodeInput, path: string, lineIndexById: LineLookup): CheckedReach {
  const allocation = code.allocation ?? "across"
  if (!ALLOCATIONS.includes(allocation)) {
    throw invalid(`${path}.allocation`, `must be one of ${ALLOCATIONS.join(", ")}`, code.allocation)
  }
  const max_quantity = code.max_quantity ?? null
  if (max_quantity !== null) requireInteger(max_quantity, `${path}.max_quantity`, 1)
  const buy_get = code.buy_get == null ? null : checkBuyGet(code, `${path}.buy_get`, lineIndexById)
  if (buy_get && code.allocation != null) {
    throw invalid(`${path}.allocation`, "must be absent for a buy X get Y code", code.allocation)
  }
  const counted = buy_get !== null || allocation !== "across"
  if (counted && max_quantity === null) {
    throw invalid(`${path}.max_quantity`, "is required with allocation each or once, and with buy_get", max_quantity)
  }
  if (!counted && max_quantity !== null) {
    throw invalid(`${path}.max_quantity`, "counts units only with allocation each or once, or with buy_get", max_quantity)
  }
  const target_line_ids = code.target_line_ids ?? null
  return {
    targetLineIndexes:
      target_line_ids === null ? null : lineIndexesOf(target_line_ids, `${path}.target_line_ids`, lineIndexById),
    target_description: optionalText(code.target_description, `${path}.target_description`),
    allocation,
    max_quantity,
    buy_get,
  }
}

function checkBuyGet(code: PricingCodeInput, path: string, lineIndexById: LineLookup): CheckedBuyGet {
  const buyGet = code.buy_get
  if (typeof buyGet !== "object" || buyGet === null) throw invalid(path, "must be an object", buyGet)
  return {
    lineIndexes: lineIndexesOf(buyGet.buy_line_ids, `${path}.buy_line_ids`, lineIndexById),
    buy_min_quantity: requireInteger(buyGet.buy_min_quantity, `${path}.buy_min_quantity`, 1),
    apply_to_quantity: requireInteger(buyGet.apply_to_quantity, `${path}.apply_to_quantity`, 1),
    description: optionalText(buyGet.description, `${path}.description`),
  }
}

function lineIndexesOf(ids: unknown, field: string, lineIndexById: LineLookup): Set<number> {
  if (!Array.isArray(ids)) throw invalid(field, "must be an array of line ids", ids)
  const indexes = new Set<number>()
  ids.forEach((id: unknown, position) => {
    const index = typeof id === "string" ? lineIndexById.get(id) : undefined
    if (index === undefined) {
      throw new PricingError("LINE_NOT_FOUND", `${field}[${position}] ${JSON.stringify(id)} is not a line of the session`, `${field}[${position}]`)
    }
    indexes.add(index)
  })
  return indexes
}

function optionalText(value: unknown, field: string): string | null {
  if (value == null) return null
  if (typeof value !== "string") throw invalid(field, "must be a string", value)
  return value.length > 0 ? value : null
}
