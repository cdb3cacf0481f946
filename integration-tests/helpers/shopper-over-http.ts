import { checkOutHostCart } from "./host-checkout-over-http"
import { JsonResponse, requestJson } from "./storefront-over-http"

// One shopper of a running host, from a cart session with a code to an order:
// create the session, convert it (SPEC §5), complete the host cart it became.

export type ShopperOutcome =
  | { kind: "order"; sessionId: string; cartId: string; orderId: string; attempts: number }
  /** The last convert answered the code's usage limit (409 CART_SESSION_DISCOUNT_CHANGED … USAGE_LIMIT_REACHED). */
  | { kind: "refused"; sessionId: string; answer: JsonResponse; attempts: number }
  /** Any other answer: the step, what the shopper saw, and why it is not one of the documented ones. */
  | { kind: "unexpected"; step: string; answer: JsonResponse; reason: string; sessionId?: string }

export type Shopper = {
  url: string
  publishableKey: string
  regionId: string
  variantId: string
  shippingOptionId: string
  email: string
  code: string
  /**
   * Whether the next try for a seat is the last one: asked before each
   * re-pricing that follows a refusal for the usage limit (a shopper waiting
   * while seats are being released answers false until the releases are
   * visible). Omitted: the first refusal is final.
   */
  isLastAttempt?: () => boolean
  retryPauseMs?: number
  /** Every answer the shopper got, e.g. to count 5xx. */
  onAnswer?: (step: string, answer: JsonResponse) => void
}

const MAX_CONVERTS = 400

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const discountChangedTo = (answer: JsonResponse, code: string, status: string) =>
  answer.status === 409 &&
  answer.body?.type === "conflict" &&
  answer.body?.code === "CART_SESSION_DISCOUNT_CHANGED" &&
  typeof answer.body?.message === "string" &&
  answer.body.message.toUpperCase().includes(`${code.toUpperCase()} IS NOW ${status}`)

export const isUsageLimitRefusal = (answer: JsonResponse, code: string) =>
  discountChangedTo(answer, code, "USAGE_LIMIT_REACHED")

const discountOf = (session: any, code: string) =>
  (session?.discounts ?? []).find((discount: any) => String(discount.code).toUpperCase() === code.toUpperCase())

/**
 * Creates a session holding one item and `code`, converts it, and checks out
 * the host cart. After a convert refused for the usage limit the session
 * holds the code as USAGE_LIMIT_REACHED, and converting it again would check
 * out without it; so the shopper waits for a seat instead: after a pause it
 * prices the session again (POST …/price) and converts once the code applies,
 * until `isLastAttempt()`. A convert that finds the code changed otherwise
 * (APPLIED again) or pending is taken up at once, as a storefront would
 * (price, convert again).
 */
export async function shopWithCode(shopper: Shopper): Promise<ShopperOutcome> {
  const headers = { "x-publishable-api-key": shopper.publishableKey }
  const send = async (step: string, method: string, path: string, body?: unknown) => {
    const answer = await requestJson(method, `${shopper.url}${path}`, { body, headers })
    shopper.onAnswer?.(step, answer)
    return answer
  }

  const created = await send("create session", "POST", "/store/cart-sessions", {
    region_id: shopper.regionId,
    email: shopper.email,
    items: [{ variant_id: shopper.variantId, quantity: 1 }],
    discounts: [{ code: shopper.code }],
  })
  if (created.status !== 201) {
    return { kind: "unexpected", step: "create session", answer: created, reason: "not 201" }
  }
  const sessionId: string = created.body.cart_session.id

  let converted: JsonResponse | undefined
  let attempts = 0
  let last = !shopper.isLastAttempt
  while (!converted) {
    if (attempts >= MAX_CONVERTS) {
      return { kind: "unexpected", step: "convert", answer: created, reason: `no answer after ${MAX_CONVERTS} converts`, sessionId }
    }
    attempts++
    const answer = await send("convert", "POST", `/store/cart-sessions/${sessionId}/convert`, {})
    if (answer.status === 200) {
      converted = answer
    } else if (isUsageLimitRefusal(answer, shopper.code)) {
      // Converting now would check out without the code: wait for a seat, re-pricing until the code applies.
      for (;;) {
        if (last) {
          return { kind: "refused", sessionId, answer, attempts }
        }
        await sleep((shopper.retryPauseMs ?? 300) * (1 + Math.random()))
        last = shopper.isLastAttempt!()
        const priced = await send("price", "POST", `/store/cart-sessions/${sessionId}/price`, {})
        if (priced.status !== 200) {
          return { kind: "unexpected", step: "price", answer: priced, reason: "not 200", sessionId }
        }
        if (discountOf(priced.body.cart_session, shopper.code)?.status === "APPLIED") {
          break
        }
      }
    } else if (discountChangedTo(answer, shopper.code, "APPLIED")) {
      // A seat came free since the session was priced: the shopper takes the new total.
    } else if (answer.status === 409 && answer.body?.code === "CART_SESSION_DISCOUNT_PENDING") {
      const priced = await send("price", "POST", `/store/cart-sessions/${sessionId}/price`, {})
      if (priced.status !== 200) {
        return { kind: "unexpected", step: "price", answer: priced, reason: "not 200", sessionId }
      }
    } else {
      return { kind: "unexpected", step: "convert", answer, reason: "not a documented answer", sessionId }
    }
  }

  const session = converted.body?.cart_session
  if (session?.status !== "converted" || typeof session?.converted_cart_id !== "string") {
    return { kind: "unexpected", step: "convert", answer: converted, reason: "200 without a converted session and cart id", sessionId }
  }
  if (discountOf(session, shopper.code)?.status !== "APPLIED") {
    return { kind: "unexpected", step: "convert", answer: converted, reason: `converted without ${shopper.code} APPLIED`, sessionId }
  }

  const cartId: string = session.converted_cart_id
  const checkout = await checkOutHostCart(shopper.url, shopper.publishableKey, cartId, {
    email: shopper.email,
    shippingOptionId: shopper.shippingOptionId,
  })
  checkout.answers.forEach((answer) => shopper.onAnswer?.("checkout", answer))
  if (!checkout.placed) {
    return { kind: "unexpected", step: checkout.step, answer: checkout.answer, reason: "checkout did not place an order", sessionId }
  }
  return { kind: "order", sessionId, cartId, orderId: checkout.orderId, attempts }
}

/** One line for a failure message. */
export const describeOutcome = (outcome: ShopperOutcome) =>
  outcome.kind === "unexpected"
    ? `${outcome.sessionId ?? "(no session)"} at ${outcome.step}: ${outcome.reason}: ${outcome.answer.status} ${JSON.stringify(outcome.answer.body).slice(0, 400)}`
    : `${outcome.sessionId}: ${outcome.kind}`
