/** Units of one line. */
export type UnitShare = { lineIndex: number; units: number }

export type BuyGetTerms = {
  /** X: units bought for every round. */
  buy_min_quantity: number
  /** Y: units discounted for every round. */
  apply_to_quantity: number
  /** Most units discounted in all. */
  max_quantity: number
}

export type BuyGetPlan = {
  /** Ascending by line index. */
  discounted: UnitShare[]
  /** The units counted as bought for those rounds; ascending by line index. */
  bought: UnitShare[]
}

type UnitLine = { unit_price: number; quantity: number }

/**
 * Which units of a buy X get Y code are discounted and which are counted as bought.
 *
 * It discounts as many units as the terms allow: D units take X × ⌈D / Y⌉ bought units, up to
 * `max_quantity`, and no unit is both. Units that can only be bought are counted as bought first, so
 * a unit that could be either is left to be discounted (buy 2 of {A, B, C}, get 1 A: B and C are
 * bought, A is discounted). Among the ways to discount D units, the cheapest units are discounted
 * (ties to the earlier line), keeping back enough of the units that could be either to be bought.
 * The rest of what is counted as bought is taken from the dearest units.
 *
 * `targetLines`: the lines it may discount; `buyLines`: the lines whose units count as bought.
 */
export function planBuyGet(
  lines: readonly UnitLine[],
  targetLines: readonly number[],
  buyLines: readonly number[],
  terms: BuyGetTerms
): BuyGetPlan {
  const buySet = new Set(buyLines)
  const targetSet = new Set(targetLines)
  const count = (indexes: readonly number[]) => indexes.reduce((sum, index) => sum + lines[index].quantity, 0)
  const targetOnly = count(targetLines.filter((index) => !buySet.has(index)))
  const shared = count(targetLines.filter((index) => buySet.has(index)))
  const buyOnly = count(buyLines.filter((index) => !targetSet.has(index)))

  const boughtFor = (discounted: number) =>
    terms.buy_min_quantity * Math.ceil(discounted / terms.apply_to_quantity)
  const feasible = (discounted: number) =>
    boughtFor(discounted) <= buyOnly + shared - Math.max(0, discounted - targetOnly)
  // Feasibility only gets harder as D grows, so the largest feasible D is found by bisection.
  let low = 0
  let high = Math.min(terms.max_quantity, targetOnly + shared)
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (feasible(middle)) low = middle
    else high = middle - 1
  }
  const discountedCount = low
  if (discountedCount === 0) return { discounted: [], bought: [] }

  const needed = boughtFor(discountedCount)
  const sharedDiscountable = buyOnly + shared - needed
  const taken = new Map<number, number>()
  let left = discountedCount
  let sharedLeft = sharedDiscountable
  for (const index of byPrice(lines, targetLines, "cheapest")) {
    const limit = buySet.has(index) ? sharedLeft : Infinity
    const units = Math.min(lines[index].quantity, left, limit)
    if (units <= 0) continue
    taken.set(index, units)
    left -= units
    if (buySet.has(index)) sharedLeft -= units
    if (left === 0) break
  }

  const bought = new Map<number, number>()
  let toBuy = needed
  const buyOrder = [
    ...byPrice(lines, buyLines.filter((index) => !targetSet.has(index)), "dearest"),
    ...byPrice(lines, buyLines.filter((index) => targetSet.has(index)), "dearest"),
  ]
  for (const index of buyOrder) {
    const units = Math.min(lines[index].quantity - (taken.get(index) ?? 0), toBuy)
    if (units <= 0) continue
    bought.set(index, units)
    toBuy -= units
    if (toBuy === 0) break
  }
  return { discounted: sharesOf(taken), bought: sharesOf(bought) }
}

/** Line indexes ordered by unit price, ties to the earlier line. */
export function byPrice(lines: readonly UnitLine[], indexes: readonly number[], order: "cheapest" | "dearest"): number[] {
  const sign = order === "cheapest" ? 1 : -1
  return [...indexes].sort((left, right) => sign * (lines[left].unit_price - lines[right].unit_price) || left - right)
}

function sharesOf(units: Map<number, number>): UnitShare[] {
  return [...units].map(([lineIndex, count]) => ({ lineIndex, units: count })).sort((a, b) => a.lineIndex - b.lineIndex)
}
