import { transform } from "@medusajs/framework/workflows-sdk"
import { unseal } from "../helpers/sealed"
import { priceCartSessionChangeStep, type PriceCartSessionChangeStepInput, writeCartSessionChangeStep } from "../steps"
import type { ChangeIdempotency } from "../helpers/commit-session"

export type CommitCartSessionChangeInput = PriceCartSessionChangeStepInput & {
  /** The request's Idempotency-Key, completed with the answer in the commit's transaction. */
  idempotency?: ChangeIdempotency | null
}

/**
 * The second half of every change of a session, composed into the change's
 * own workflow after the change is applied to a draft in memory: read the
 * host's prices and the coupon module's verdicts once, the host's shipping and
 * tax for its address, price every merchant's bag with the pricing core, build
 * the answer, and commit everything in one transaction guarded by the version
 * the change was loaded at. Returns the answer and the session.
 *
 * Its steps join the calling workflow's, rather than running as a nested
 * workflow (`runAsStep`): a nested workflow is a second transaction of the
 * workflow engine (its own `workflow_execution` read) and a second copy of
 * the whole session at its boundary (docs/benchmarks.md). The sessions are handed
 * from step to step sealed (helpers/sealed.ts); the answer (`view`) is unsealed
 * once, for the workflow's result, and `session` (only with `return_session`) stays sealed.
 */
export function commitCartSessionChange(input: CommitCartSessionChangeInput) {
  const priced = priceCartSessionChangeStep({
    before: input.before,
    draft: input.draft,
    extend_expiry: input.extend_expiry,
    pricing_context: input.pricing_context,
    known_variants: input.known_variants,
    wanted_shipping_method: input.wanted_shipping_method,
    return_session: input.return_session,
  })
  writeCartSessionChangeStep({ change: priced.change, view: priced.view, idempotency: input.idempotency })
  return { view: transform({ priced }, ({ priced }) => unseal(priced.view)), session: priced.session }
}
