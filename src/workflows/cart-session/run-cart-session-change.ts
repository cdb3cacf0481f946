import type { MedusaContainer } from "@medusajs/framework/types"
import type { ReturnWorkflow } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../lib/errors"
import { retrieveCartSessionView } from "./views/queries"
import type { CartSessionView } from "./views/cart-session-view"
import type { CartSessionChangeInput } from "../../lib/cart-session/session-rules"
import { convertCartSessionWorkflow } from "./workflows/convert-cart-session"

/** How long a change without a client version keeps being decided again after losing races. */
export const CART_SESSION_CHANGE_PATIENCE_MS = 15_000

/**
 * Runs a change workflow of a session. A change commits only if the session
 * is still at the version it was loaded at; when another change (in this
 * process or another) got there first:
 * - a request that sent `version` gets 409 VERSION_CONFLICT: the client saw
 *   a state that no longer is;
 * - a request without `version` (and subscribers, jobs) is decided again on
 *   the new state, with a growing random pause, for up to 15 s; past that it
 *   gets 409 CART_SESSION_BUSY (never VERSION_CONFLICT: it named no version).
 * Server processes that share no lock race for a busy session; this is what
 * keeps their changes applied, each exactly once.
 */
export async function runCartSessionChange<TInput extends Partial<CartSessionChangeInput>, TResult>(
  workflow: ReturnWorkflow<TInput, TResult, any>,
  container: MedusaContainer,
  input: NoInfer<TInput>
): Promise<TResult> {
  const deadline = Date.now() + CART_SESSION_CHANGE_PATIENCE_MS
  for (let attempt = 1; ; attempt++) {
    try {
      const { result } = await workflow(container).run({ input })
      return result as TResult
    } catch (error: any) {
      if (error?.code !== "VERSION_CONFLICT" || input.version != null) {
        throw error
      }
      if (Date.now() >= deadline) {
        throw new CheckoutDiscountError(
          "CART_SESSION_BUSY",
          `Cart session ${input.cart_session_id} is being changed by many requests at once (${attempt} attempts lost the race): retry`
        )
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10 * attempt, 200)))
    }
  }
}

/**
 * Converts a session (see convertCartSessionWorkflow). A session already
 * converted answers as it is, with the same `converted_cart_id`: a second
 * convert (a retry without Idempotency-Key, or another tab) never makes a
 * second cart or takes a second seat.
 */
export async function convertCartSession(container: MedusaContainer, input: CartSessionChangeInput): Promise<CartSessionView> {
  try {
    return await runCartSessionChange(convertCartSessionWorkflow, container, input)
  } catch (error: any) {
    if (error?.code === "CART_SESSION_NOT_OPEN") {
      const session = await retrieveCartSessionView(container, input.cart_session_id, input.actor)
      if (session.status === "converted") {
        return session
      }
    }
    throw error
  }
}
