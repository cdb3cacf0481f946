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
    // The field name is built only for a bad weight: sessions have thousands of lines.
    if (!isNonNegativeSafeInteger(weight)) assertNonNegativeSafeInteger(weight, `weights[${index}]`)
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

// Same outcome as sorting by (remainder desc, index asc), without sorting: find the smallest
// remainder that still earns a unit (the leftover-th largest, by selection in linear time), then hand
// out units above it, and at it by index.
function distributeByThreshold(parts: number[], remainders: Float64Array, leftover: number): void {
  const threshold = kthSmallest(remainders.slice(), remainders.length - leftover)
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

/**
 * The value that would stand at index `k` of `values` sorted ascending (Hoare's selection with the
 * middle element as pivot, expected linear time). Reorders `values`, a copy the caller owns.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let low = 0
  let high = values.length - 1
  while (low < high) {
    const pivot = values[(low + high) >>> 1]
    let left = low
    let right = high
    while (left <= right) {
      while (values[left] < pivot) left++
      while (values[right] > pivot) right--
      if (left <= right) {
        const swap = values[left]
        values[left] = values[right]
        values[right] = swap
        left++
        right--
      }
    }
    // Now values[low..right] ≤ pivot ≤ values[left..high], and everything between equals the pivot.
    if (k <= right) high = right
    else if (k >= left) low = left
    else return values[k]
  }
  return values[k]
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

function isNonNegativeSafeInteger(value: number): boolean {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
}

function assertNonNegativeSafeInteger(value: number, field: string): void {
  if (!isNonNegativeSafeInteger(value)) {
    throw new PricingError(
      "INVALID_INPUT",
      `${field} must be a non-negative safe integer, got ${String(value)}`,
      field
    )
  }
}
