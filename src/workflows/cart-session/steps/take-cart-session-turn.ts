import { randomUUID } from "crypto"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CART_SESSION_LOCK } from "../../../lib/cart-session/session-rules"

export type CartSessionTurn = { cart_session_id: string; owner_id: string; held: boolean }

export const takeCartSessionTurnStepId = "take-cart-session-turn"

/**
 * Waits for the session's turn with the host's locking module (shared across
 * processes when a Redis or PostgreSQL provider is configured), so changes of
 * one session queue instead of racing. Only a queue: correctness comes from
 * the version-guarded commit, so after `CART_SESSION_LOCK.timeout` seconds
 * (or if the locking module fails) the change goes ahead without the turn
 * rather than failing. The owner id is this run's own, so releasing never
 * frees a turn another change holds.
 */
export const takeCartSessionTurnStep = createStep(
  takeCartSessionTurnStepId,
  async (input: { cart_session_id: string }, { container }) => {
    const locking = container.resolve(Modules.LOCKING)
    const turn: CartSessionTurn = { cart_session_id: input.cart_session_id, owner_id: randomUUID(), held: false }
    const deadline = Date.now() + CART_SESSION_LOCK.timeout * 1000
    for (let attempt = 1; Date.now() < deadline; attempt++) {
      try {
        await locking.acquire(turn.cart_session_id, { expire: CART_SESSION_LOCK.ttl, ownerId: turn.owner_id })
        return new StepResponse({ ...turn, held: true }, { ...turn, held: true })
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 150) * (0.5 + Math.random())))
      }
    }
    return new StepResponse(turn, turn)
  },
  async (turn, { container }) => {
    if (turn?.held) {
      await releaseTurn(container, turn)
    }
  }
)

export const releaseCartSessionTurnStepId = "release-cart-session-turn"

/** Gives the session's turn to the next change in line. */
export const releaseCartSessionTurnStep = createStep(
  releaseCartSessionTurnStepId,
  async (turn: CartSessionTurn, { container }) => {
    if (turn.held) {
      await releaseTurn(container, turn)
    }
    return new StepResponse(undefined)
  }
)

async function releaseTurn(container: { resolve: (key: string) => any }, turn: CartSessionTurn) {
  await container
    .resolve(Modules.LOCKING)
    .release(turn.cart_session_id, { ownerId: turn.owner_id })
    .catch(() => undefined) // it expires by itself (ttl)
}
