import type { MedusaContainer } from "@medusajs/framework/types"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { cartSessionService } from "./service"
import { diffSessionChange } from "../../../lib/cart-session/session-draft"

/**
 * Writes `after` over `before` in one transaction, only if the session is
 * still at the version it was loaded at (`UPDATE … WHERE version = …`), so it
 * holds across server processes whatever the locking module. Another change
 * got there first: VERSION_CONFLICT, nothing written. Nothing to write when
 * they are the same session.
 */
export async function commitSessionOrConflict(container: MedusaContainer, before: CartSessionState | null, after: CartSessionState) {
  const change = diffSessionChange(before, after)
  if (change && !(await cartSessionService(container).commitSessionChange(change))) {
    throw new CheckoutDiscountError(
      "VERSION_CONFLICT",
      `Cart session ${after.id} was changed by another request while this one was applied (it was at version ${before!.version}): reload it and try again`
    )
  }
}
