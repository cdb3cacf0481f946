import type { MedusaContainer } from "@medusajs/framework/types"
import type { ReturnWorkflow } from "@medusajs/framework/workflows-sdk"
import type { CartSessionChangeInput } from "./utils/session-rules"

/** How often a change without a client version is decided again after losing a race. */
export const CART_SESSION_CHANGE_ATTEMPTS = 5

/**
 * Runs a change workflow of a session. A change commits only if the session
 * is still at the version it was loaded at; when another change (in this
 * process or another) got there first:
 * - a request that sent `version` gets 409 VERSION_CONFLICT: the client saw
 *   a state that no longer is;
 * - a request without `version` (and subscribers, jobs) is decided again on
 *   the new state, up to CART_SESSION_CHANGE_ATTEMPTS times.
 */
export async function runCartSessionChange<TInput extends Partial<CartSessionChangeInput>, TResult>(
  workflow: ReturnWorkflow<TInput, TResult, any>,
  container: MedusaContainer,
  input: NoInfer<TInput>
): Promise<TResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { result } = await workflow(container).run({ input })
      return result as TResult
    } catch (error: any) {
      const retry = error?.code === "VERSION_CONFLICT" && input.version == null && attempt < CART_SESSION_CHANGE_ATTEMPTS
      if (!retry) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
    }
  }
}
