import type { MedusaContainer } from "@medusajs/framework/types"
import { diffSessionChange } from "../../src/lib/cart-session"
import { CART_SESSION_MODULE, CartSessionModuleService, CartSessionState } from "../../src/modules/cart-session"

/**
 * Puts a session into a state the tests need (expired, cancelled, converted)
 * through the module's one write path, the version-guarded commit, as a
 * change from outside would: version + 1.
 */
export async function forceCartSessionState(
  container: MedusaContainer,
  id: string,
  patch: Partial<Pick<CartSessionState, "status" | "converted_cart_id">> & { expires_at?: Date }
): Promise<CartSessionState> {
  const sessions = container.resolve<CartSessionModuleService>(CART_SESSION_MODULE)
  const before = (await sessions.loadSessionState(id))!
  const { expires_at, ...rest } = patch
  const after: CartSessionState = {
    ...before,
    ...rest,
    ...(expires_at ? { expires_at: expires_at.toISOString() } : {}),
    version: before.version + 1,
    updated_at: new Date().toISOString(),
  }
  if (!(await sessions.commitSessionChange(diffSessionChange(before, after)!))) {
    throw new Error(`cart session ${id} changed while the test forced its state`)
  }
  return after
}
