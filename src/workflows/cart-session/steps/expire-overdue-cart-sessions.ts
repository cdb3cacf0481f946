import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../utils/load"

export type ExpireOverdueCartSessionsInput = {
  /** Sessions whose `expires_at` is at or before this moment expire. */
  now: Date
  /** At most this many per run; the next run takes the rest. */
  limit: number
}

/** Marks open sessions past their `expires_at` as `expired`; returns their ids. */
export const expireOverdueCartSessionsStep = createStep(
  "expire-overdue-cart-sessions",
  async (input: ExpireOverdueCartSessionsInput, { container }) => {
    const sessions = cartSessionService(container)
    const overdue = await sessions.listCartSessions(
      { status: "open", expires_at: { $lte: input.now } },
      { select: ["id"], take: input.limit, order: { expires_at: "ASC" } }
    )
    const ids = overdue.map((session) => session.id)
    if (ids.length) {
      await sessions.updateCartSessions(ids.map((id) => ({ id, status: "expired" as const })))
    }
    return new StepResponse(ids, ids)
  },
  async (expiredIds, { container }) => {
    if (!expiredIds?.length) {
      return
    }
    await cartSessionService(container).updateCartSessions(
      expiredIds.map((id) => ({ id, status: "open" as const }))
    )
  }
)
