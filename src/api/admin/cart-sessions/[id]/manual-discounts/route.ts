import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import {
  clearCartSessionManualDiscountsWorkflow,
  runCartSessionChange,
  setCartSessionManualDiscountsWorkflow,
  withAdminNames,
} from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { AdminCartSessionVersionType, AdminSetCartSessionManualDiscountsType } from "../../validators"

/**
 * Replaces every manual discount of the session with the cart-level and
 * item-level ones given, set by the admin user calling. Answers the admin's
 * view of the session; a refusal changes nothing.
 */
export const POST = idempotentRoute(async (req: AuthenticatedMedusaRequest<AdminSetCartSessionManualDiscountsType>) => {
  const { cart, items, version } = req.validatedBody
  const view = await runCartSessionChange(setCartSessionManualDiscountsWorkflow, req.scope, {
    cart_session_id: req.params.id,
    version,
    cart,
    items,
    created_by: req.auth_context?.actor_id ?? null,
  })
  return { body: { cart_session: await withAdminNames(req.scope, view) } }
})

/** Removes every manual discount of the session. */
export const DELETE = idempotentRoute(async (req: AuthenticatedMedusaRequest<AdminCartSessionVersionType>) => {
  const view = await runCartSessionChange(clearCartSessionManualDiscountsWorkflow, req.scope, {
    cart_session_id: req.params.id,
    version: req.validatedBody?.version,
  })
  return { body: { cart_session: await withAdminNames(req.scope, view) } }
})
