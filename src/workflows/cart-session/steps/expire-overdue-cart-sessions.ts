import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../helpers/service"

export type ExpireOverdueCartSessionsInput = {
  /** Sessions whose `expires_at` is at or before this moment expire. */
  now: Date
  /** At most this many per run; the next run takes the rest. */
  limit: number
}

export const expireOverdueCartSessionsStepId = "expire-overdue-cart-sessions"

/**
 * Marks open sessions past their `expires_at` as `expired` with version + 1,
 * in one statement that re-checks each row under its lock, so a change
 * decided before fails its version guard. Returns their ids.
 */
export const expireOverdueCartSessionsStep = createStep(
  expireOverdueCartSessionsStepId,
  async (input: ExpireOverdueCartSessionsInput, { container }) =>
    new StepResponse(await cartSessionService(container).expireOverdueSessions(new Date(input.now), input.limit))
)
