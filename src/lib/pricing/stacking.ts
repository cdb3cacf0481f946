export type StackingCandidate = {
  /** Position of the code in applied order; unique. */
  order: number
  /** `null` = store-wide. */
  merchant_id: string | null
  combinable: boolean
  /** What the code would save alone on what the manual discounts left of the lines it may discount. */
  saving: number
  priority: number
}

/** Why the winner ranked above the loser. */
export type StackingReason = "saving" | "priority" | "order"

export type StackingOutcome =
  | { accepted: true }
  | { accepted: false; winner: number; reason: StackingReason }

/**
 * Decides which eligible codes apply together.
 *
 * Scopes overlap when both codes are for the same merchant's bag or when either one is store-wide
 * (a store-wide code reaches every bag). Two codes conflict when their scopes overlap and at least
 * one of them is not combinable: a non-combinable code excludes every other code it overlaps, and a
 * non-combinable store-wide code therefore excludes every merchant code too.
 *
 * Codes are ranked by their stand-alone saving (higher first), then priority (higher first), then
 * applied order (earlier first). Walking that ranking, a code is accepted unless it conflicts with a
 * code already accepted; then it is rejected in favour of the highest-ranked such code. Each
 * comparison is pairwise (one code against one code, not against a stack), which keeps the outcome
 * easy to explain in a message and independent of the order bags are listed in.
 */
export function resolveStacking(candidates: readonly StackingCandidate[]): Map<number, StackingOutcome> {
  const ranked = [...candidates].sort(compareRank)
  const accepted: StackingCandidate[] = []
  const outcomes = new Map<number, StackingOutcome>()
  for (const candidate of ranked) {
    const winner = accepted.find((other) => conflicts(candidate, other))
    if (winner) {
      outcomes.set(candidate.order, { accepted: false, winner: winner.order, reason: rankReason(winner, candidate) })
    } else {
      accepted.push(candidate)
      outcomes.set(candidate.order, { accepted: true })
    }
  }
  return outcomes
}

function compareRank(left: StackingCandidate, right: StackingCandidate): number {
  if (left.saving !== right.saving) return right.saving - left.saving
  if (left.priority !== right.priority) return right.priority - left.priority
  return left.order - right.order
}

function rankReason(winner: StackingCandidate, loser: StackingCandidate): StackingReason {
  if (winner.saving !== loser.saving) return "saving"
  if (winner.priority !== loser.priority) return "priority"
  return "order"
}

function scopesOverlap(left: StackingCandidate, right: StackingCandidate): boolean {
  return left.merchant_id === null || right.merchant_id === null || left.merchant_id === right.merchant_id
}

function conflicts(left: StackingCandidate, right: StackingCandidate): boolean {
  return (!left.combinable || !right.combinable) && scopesOverlap(left, right)
}
