import { PricingError } from "./errors"

/**
 * Splits `total` into integer parts proportional to `weights` with the largest-remainder method:
 * every part is the floor of its exact share, and the units left over go one each to the parts
 * with the largest remainders, ties to the earlier index. Parts sum exactly to `total` and each
 * lies within 1 of its exact share. When every weight is zero, every part is zero and nothing is
 * allocated: the caller decides what that means.
 */
export function allocateByWeight(total: number, weights: readonly number[]): number[] {
  assertNonNegativeSafeInteger(total, "total")
  let weightSum = 0
  let largestWeight = 0
  for (let index = 0; index < weights.length; index++) {
    const weight = weights[index]
    assertNonNegativeSafeInteger(weight, `weights[${index}]`)
    weightSum += weight
    if (weight > largestWeight) largestWeight = weight
  }
  if (weightSum === 0) return new Array<number>(weights.length).fill(0)
  // Plain numbers are exact while every product and sum stays a safe integer.
  const exactInNumbers =
    Number.isSafeInteger(weightSum) && Number.isSafeInteger(total * largestWeight)
  return exactInNumbers
    ? allocateWithNumbers(total, weights, weightSum)
    : allocateWithBigInts(total, weights)
}

function allocateWithNumbers(total: number, weights: readonly number[], weightSum: number): number[] {
  const parts = new Array<number>(weights.length)
  const remainders = new Float64Array(weights.length)
  let allocated = 0
  for (let index = 0; index < weights.length; index++) {
    const product = total * weights[index]
    const remainder = product % weightSum
    parts[index] = (product - remainder) / weightSum
    remainders[index] = remainder
    allocated += parts[index]
  }
  const leftover = total - allocated
  if (leftover > 0) distributeByThreshold(parts, remainders, leftover)
  return parts
}

// Same outcome as sorting by (remainder desc, index asc), without a comparator sort: find the
// smallest remainder that still earns a unit, then hand out units above it, and at it by index.
function distributeByThreshold(parts: number[], remainders: Float64Array, leftover: number): void {
  const sorted = remainders.slice().sort()
  const threshold = sorted[sorted.length - leftover]
  let atThreshold = leftover
  for (let index = 0; index < remainders.length; index++) {
    if (remainders[index] > threshold) {
      parts[index] += 1
      atThreshold -= 1
    }
  }
  for (let index = 0; index < remainders.length && atThreshold > 0; index++) {
    if (remainders[index] === threshold) {
      parts[index] += 1
      atThreshold -= 1
    }
  }
}

function allocateWithBigInts(total: number, weights: readonly number[]): number[] {
  const bigTotal = BigInt(total)
  let weightSum = 0n
  for (const weight of weights) weightSum += BigInt(weight)
  const parts = new Array<number>(weights.length)
  const remainders = new Array<bigint>(weights.length)
  let allocated = 0n
  for (let index = 0; index < weights.length; index++) {
    const product = bigTotal * BigInt(weights[index])
    const part = product / weightSum
    parts[index] = Number(part)
    remainders[index] = product - part * weightSum
    allocated += part
  }
  distributeBySorting(parts, remainders, Number(bigTotal - allocated))
  return parts
}

// The leftover is smaller than the number of parts with a non-zero remainder, so no part ever
// rises above the ceiling of its exact share.
function distributeBySorting(parts: number[], remainders: bigint[], leftover: number): void {
  if (leftover <= 0) return
  const candidates: number[] = []
  for (let index = 0; index < remainders.length; index++) {
    if (remainders[index] > 0) candidates.push(index)
  }
  candidates.sort((left, right) => {
    const a = remainders[left]
    const b = remainders[right]
    if (a === b) return left - right
    return a > b ? -1 : 1
  })
  for (let rank = 0; rank < leftover; rank++) parts[candidates[rank]] += 1
}

function assertNonNegativeSafeInteger(value: number, field: string): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new PricingError(
      "INVALID_INPUT",
      `${field} must be a non-negative safe integer, got ${String(value)}`,
      field
    )
  }
}
