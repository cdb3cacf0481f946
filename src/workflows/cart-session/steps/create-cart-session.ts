import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartSessionService } from "../utils/load"
import { sessionExpiry } from "../utils/session-rules"
import type { CartSessionSetup } from "./resolve-cart-session-setup"

export type CreateCartSessionStepInput = CartSessionSetup & { metadata?: Record<string, unknown> | null }

/** Creates an open session at version 1 that expires after the configured lifetime. */
export const createCartSessionStep = createStep(
  "create-cart-session",
  async (input: CreateCartSessionStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const session = await sessions.createCartSessions({
      ...input,
      metadata: input.metadata ?? null,
      expires_at: sessionExpiry(sessions.getOptions().sessionLifetimeMinutes),
    })
    return new StepResponse(session, session.id)
  },
  async (sessionId, { container }) => {
    if (!sessionId) {
      return
    }
    await cartSessionService(container).deleteCartSessions([sessionId])
  }
)
