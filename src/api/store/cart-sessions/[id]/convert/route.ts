import type { MedusaStoreRequest } from "@medusajs/framework/http"
import { convertCartSession } from "../../../../../workflows/cart-session"
import { idempotentRoute } from "../../../../utils/idempotent-route"
import { changeInputOf } from "../../helpers"
import { StoreCartSessionVersionType } from "../../validators"

/**
 * Makes the host cart of the session, carrying its discounts; answers the
 * session, `converted` with `converted_cart_id`. 409
 * CART_SESSION_DISCOUNT_PENDING while a code waits to be priced, 409
 * CART_SESSION_DISCOUNT_CHANGED when pricing it again now changed a code's
 * status (a coupon's last seat was taken: USAGE_LIMIT_REACHED). A converted
 * session answers as it is, with the same cart.
 */
export const POST = idempotentRoute(async (req: MedusaStoreRequest<StoreCartSessionVersionType>) => {
  const cart_session = await convertCartSession(req.scope, changeInputOf(req))
  return { body: { cart_session } }
})
