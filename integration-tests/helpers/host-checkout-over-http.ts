import { JsonResponse, requestJson, SendJson } from "./storefront-over-http"

// A shopper completing a host cart the way a storefront does (HOST-NOTES,
// "Completing a host cart in tests"): email, shipping method, payment
// collection, a payment session with the system provider, complete.

export type CheckoutStep = "email" | "shipping method" | "payment collection" | "payment session" | "complete"

export type CheckoutResult =
  | { placed: true; orderId: string; answers: JsonResponse[] }
  /** The step that did not go through and its answer (a complete that answers the cart back included). */
  | { placed: false; step: CheckoutStep; answer: JsonResponse; answers: JsonResponse[] }

export async function checkOutHostCart(
  url: string,
  publishableKey: string,
  cartId: string,
  { email, shippingOptionId, request = requestJson }: { email: string; shippingOptionId: string; request?: SendJson }
): Promise<CheckoutResult> {
  const headers = { "x-publishable-api-key": publishableKey }
  const answers: JsonResponse[] = []
  const send = async (method: string, path: string, body?: unknown) => {
    const answer = await request(method, `${url}${path}`, { body, headers })
    answers.push(answer)
    return answer
  }
  const failed = (step: CheckoutStep, answer: JsonResponse): CheckoutResult => ({ placed: false, step, answer, answers })
  const ok = (answer: JsonResponse) => answer.status >= 200 && answer.status < 300

  // A region of a single country gives the cart its shipping country; the email is the order's.
  const withEmail = await send("POST", `/store/carts/${cartId}`, { email })
  if (!ok(withEmail)) return failed("email", withEmail)

  const shipped = await send("POST", `/store/carts/${cartId}/shipping-methods`, { option_id: shippingOptionId })
  if (!ok(shipped)) return failed("shipping method", shipped)

  const collection = await send("POST", "/store/payment-collections", { cart_id: cartId })
  if (!ok(collection)) return failed("payment collection", collection)

  const session = await send(
    "POST",
    `/store/payment-collections/${collection.body.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" }
  )
  if (!ok(session)) return failed("payment session", session)

  const completed = await send("POST", `/store/carts/${cartId}/complete`)
  if (!ok(completed) || completed.body?.type !== "order") return failed("complete", completed)
  return { placed: true, orderId: completed.body.order.id, answers }
}
