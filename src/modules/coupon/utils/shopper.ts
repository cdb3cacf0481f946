/**
 * Who a per-customer limit counts: the customer when the shopper is logged
 * in, and the email they gave (folded). A redemption is theirs when either
 * matches, so a customer's earlier guest checkouts with their email count too.
 */
export type Shopper = { customer_id: string | null; email: string | null }

/** An email as redemptions store and compare it: trimmed and lower-cased; a blank one is none. */
export function foldEmail(email: string | null | undefined): string | null {
  const folded = email?.trim().toLowerCase()
  return folded ? folded : null
}

/** The shopper of a redemption or a query; `null` for an anonymous one (no customer, no email): nothing to count by. */
export function shopperOf(input: { customer_id?: string | null; email?: string | null }): Shopper | null {
  const shopper = { customer_id: input.customer_id || null, email: foldEmail(input.email) }
  return shopper.customer_id || shopper.email ? shopper : null
}

/** Whether a redemption of `other` is one of `shopper`'s (same customer, or same folded email). */
export function isShoppers(shopper: Shopper, other: { customer_id?: string | null; email?: string | null }): boolean {
  return (
    (!!shopper.customer_id && shopper.customer_id === other.customer_id) ||
    (!!shopper.email && shopper.email === foldEmail(other.email))
  )
}

/** The shopper in an error message. */
export function describeShopper(shopper: Shopper): string {
  return shopper.customer_id ? `Customer ${shopper.customer_id}` : `The shopper with email ${shopper.email}`
}
