import { PricingError } from "./errors"

// Checks shared by the input validation of the core: each throws a PricingError naming the field.

export function invalid(field: string, requirement: string, value: unknown): PricingError {
  return new PricingError("INVALID_INPUT", `${field} ${requirement}, got ${printable(value)}`, field)
}

function printable(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`
  return value === undefined ? "undefined" : JSON.stringify(value) ?? String(value)
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) throw invalid(field, "must be a non-empty string", value)
  return value
}

export function requireInteger(value: unknown, field: string, minimum: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw invalid(field, `must be an integer of at least ${minimum}`, value)
  }
  if (!Number.isSafeInteger(value)) {
    throw new PricingError("AMOUNT_OUT_OF_RANGE", `${field} ${value} is beyond the safe integer range`, field)
  }
  return value
}

