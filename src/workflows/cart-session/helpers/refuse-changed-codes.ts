import type { MedusaContainer } from "@medusajs/framework/types"
import { changedCodes } from "../../../lib/cart-session"
import { CheckoutDiscountError } from "../../../lib/errors"
import type { CartSessionState } from "../../../modules/cart-session"
import { commitSessionOrConflict } from "./commit-session"
import { changedShipping, type ShippingNotice } from "../../../lib/cart-session/shipping"

/** Commits `after` and throws CART_SESSION_DISCOUNT_CHANGED when its codes' statuses differ from `before`'s. */
export async function saveAndRefuseChangedCodes(
  container: MedusaContainer,
  before: CartSessionState,
  after: CartSessionState,
  notices: ShippingNotice[] = []
) {
  const changed = changedCodes(before, after)
  const shipping = changedShipping(before, after, notices)
  if (!changed.length && !shipping.length) {
    return
  }
  await commitSessionOrConflict(container, before, after)
  if (!changed.length) {
    throw new CheckoutDiscountError(
      "CART_SESSION_SHIPPING_CHANGED",
      `Cart session ${after.id} was priced again before checkout and its shipping changed (${shipping.join("; ")}): review it and convert again`
    )
  }
  const list = changed.map(({ code, change }) => `${code} ${change}`).join("; ")
  throw new CheckoutDiscountError(
    "CART_SESSION_DISCOUNT_CHANGED",
    `Cart session ${after.id} was priced again before checkout and its codes changed (${list}): review it and convert again`
  )
}
