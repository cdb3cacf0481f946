import { transform, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import {
  gatherSessionPricingInputStep,
  loadCartSessionStep,
  persistSessionPricingStep,
  priceMerchantBagsStep,
  pruneOrphanAddOnsStep,
  refreshLinePricesStep,
  touchCartSessionStep,
} from "../steps"
import type { CartSessionWithRelations } from "./load"
import type { CartSessionActor } from "./session-rules"

/** Seconds: how long a change waits for a session another change holds, and how long a lock lives at most. */
export const CART_SESSION_LOCK = { timeout: 15, ttl: 30 }

/** What every store change of a session carries. */
export type CartSessionChangeInput = {
  cart_session_id: string
  /** The store customer asking; absent for subscribers and jobs. */
  actor?: CartSessionActor
  /** The version the client last saw; a different current version is a VERSION_CONFLICT. */
  version?: number | null
}

type Changed = WorkflowData<{ changed: boolean }> | undefined

/** True when any of the steps reported a change. */
export function anyChanged(results: Changed[]): WorkflowData<boolean> {
  return transform({ results }, ({ results }) => results.some((result) => result?.changed === true))
}

/**
 * The last steps of every change: the host's current prices, add-ons of
 * merchants that left removed, then every code priced — gather the inputs
 * (with the coupon module's eligibility), price every merchant's bag, persist
 * the results. Returns the steps' change reports.
 */
export function repriceCartSession(cartSessionId: WorkflowData<string> | string): Changed[] {
  const refreshed = refreshLinePricesStep({ cart_session_id: cartSessionId })
  const pruned = pruneOrphanAddOnsStep({ cart_session_id: cartSessionId })
  const gathered = gatherSessionPricingInputStep({ cart_session_id: cartSessionId })
  const priced = priceMerchantBagsStep(gathered.input)
  const persisted = persistSessionPricingStep({ cart_session_id: cartSessionId, priced, terms: gathered.terms })
  return [refreshed, pruned, persisted]
}

/**
 * A shopper's change of one session, serialized with the host's locking:
 * lock, load (visible, open, at the client's version), `change`, re-price,
 * version + 1 and (unless told otherwise) a new expiry when anything
 * changed, unlock. A failure
 * anywhere compensates every step and releases the lock.
 */
export function changeCartSession(
  input: CartSessionChangeInput,
  change: (session: WorkflowData<CartSessionWithRelations>) => Changed[],
  options: { extend_expiry?: WorkflowData<boolean> | boolean } = {}
): WorkflowData<CartSessionWithRelations> {
  acquireLockStep({ key: input.cart_session_id, ...CART_SESSION_LOCK })
  const session = loadCartSessionStep({
    cart_session_id: input.cart_session_id,
    actor: input.actor,
    version: input.version,
  })
  const changes = change(session)
  const pricing = repriceCartSession(input.cart_session_id)
  touchCartSessionStep({
    cart_session_id: input.cart_session_id,
    changed: anyChanged([...changes, ...pricing]),
    extend_expiry: options.extend_expiry ?? true,
  })
  releaseLockStep({ key: input.cart_session_id })
  return session
}
