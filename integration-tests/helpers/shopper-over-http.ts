import { checkOutHostCart } from "./host-checkout-over-http"
import { JsonResponse, requestJson, SendJson } from "./storefront-over-http"

// One shopper of a running host, from a cart session with a code to an order:
// create the session, convert it (SPEC §5), complete the host cart it became.

export type ShopperOutcome =
  | { kind: "order"; sessionId: string; cartId: string; orderId: string; converts: number; waits: number }
  /**
   * Given up for the code's usage limit: `answer` is the last refusal, a 409
   * of the convert, or the session itself (200/201) showing the code
   * USAGE_LIMIT_REACHED when the shopper never got to convert.
   */
  | { kind: "refused"; sessionId: string; answer: JsonResponse; converts: number; waits: number }
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
   * re-pricing while the code is out of seats (a shopper waiting while seats
   * are being released answers false until the releases are visible).
   * Omitted: the first refusal is final.
   */
  isLastAttempt?: () => boolean
  retryPauseMs?: number
  /** Every answer the shopper got, e.g. to count 5xx. */
  onAnswer?: (step: string, answer: JsonResponse) => void
  /** How its requests are sent (default requestJson), e.g. by a storefront that retries on another server. */
  request?: SendJson
}

/** A session the shopper opened, with the answer that showed it. */
export type OpenedSession = { sessionId: string; answer: JsonResponse }

const MAX_CONVERTS = 100

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** 409 CART_SESSION_DISCOUNT_CHANGED naming `code` … "is now <status>". */
export const isDiscountChangedTo = (answer: JsonResponse, code: string, status: string) =>
  answer.status === 409 &&
  answer.body?.type === "conflict" &&
  answer.body?.code === "CART_SESSION_DISCOUNT_CHANGED" &&
  typeof answer.body?.message === "string" &&
  answer.body.message.toUpperCase().includes(`${code.toUpperCase()} IS NOW ${status}`)

/**
 * A convert refused for the usage limit: the documented 409
 * CART_SESSION_DISCOUNT_CHANGED (… USAGE_LIMIT_REACHED), or the coupon
 * module's own 409 COUPON_USAGE_LIMIT_REACHED, which the convert answers when
 * a seat came free between its failed take and its re-pricing.
 */
const isLimitRefusal = (answer: JsonResponse, code: string) =>
  isDiscountChangedTo(answer, code, "USAGE_LIMIT_REACHED") ||
  (answer.status === 409 && answer.body?.code === "COUPON_USAGE_LIMIT_REACHED")

const discountOf = (session: any, code: string) =>
  (session?.discounts ?? []).find((discount: any) => String(discount.code).toUpperCase() === code.toUpperCase())

/** The status of `code` in a session answer. */
export const codeStatusIn = (answer: JsonResponse, code: string): string | undefined =>
  discountOf(answer.body?.cart_session, code)?.status

function sender(shopper: Shopper) {
  const headers = { "x-publishable-api-key": shopper.publishableKey }
  return async (step: string, method: string, path: string, body?: unknown) => {
    const answer = await (shopper.request ?? requestJson)(method, `${shopper.url}${path}`, { body, headers })
    shopper.onAnswer?.(step, answer)
    return answer
  }
}

/** Creates the shopper's session: one item and the code. */
export async function openSessionWithCode(shopper: Shopper): Promise<OpenedSession | ShopperOutcome> {
  const created = await sender(shopper)("create session", "POST", "/store/cart-sessions", {
    region_id: shopper.regionId,
    email: shopper.email,
    items: [{ variant_id: shopper.variantId, quantity: 1 }],
    discounts: [{ code: shopper.code }],
  })
  if (created.status !== 201) {
    return { kind: "unexpected", step: "create session", answer: created, reason: "not 201" }
  }
  return { sessionId: created.body.cart_session.id, answer: created }
}

/**
 * Converts the session once its code is APPLIED and checks out the host
 * cart. A session whose code is out of seats (USAGE_LIMIT_REACHED, shown
 * when it was opened or after a convert refused for the limit) is not
 * converted, since that would check out without the code: the shopper waits
 * for a seat instead, pricing the session again (POST …/price) after a pause,
 * until `isLastAttempt()`. A code that is pending is priced at once; a
 * convert that finds it APPLIED again is converted again, as a storefront
 * would.
 */
export async function convertAndCheckOut(shopper: Shopper, opened: OpenedSession): Promise<ShopperOutcome> {
  const send = sender(shopper)
  const { sessionId } = opened
  const unexpected = (step: string, answer: JsonResponse, reason: string): ShopperOutcome => ({
    kind: "unexpected",
    step,
    answer,
    reason,
    sessionId,
  })
  let converts = 0
  let waits = 0
  let last = !shopper.isLastAttempt
  let refusal = opened.answer
  // The code's status as last seen; undefined after a refusal for the limit.
  let status = codeStatusIn(opened.answer, shopper.code)
  let converted: JsonResponse | undefined

  while (!converted) {
    if (status === "APPLIED") {
      if (converts >= MAX_CONVERTS) return unexpected("convert", refusal, `still not converted after ${converts} converts`)
      converts++
      const answer = await send("convert", "POST", `/store/cart-sessions/${sessionId}/convert`, {})
      if (answer.status === 200) {
        converted = answer
      } else if (isLimitRefusal(answer, shopper.code)) {
        refusal = answer
        status = undefined
      } else if (!isDiscountChangedTo(answer, shopper.code, "APPLIED")) {
        return unexpected("convert", answer, "not a documented answer")
      }
    } else if (status === "PENDING") {
      const priced = await send("price", "POST", `/store/cart-sessions/${sessionId}/price`, {})
      if (priced.status !== 200) return unexpected("price", priced, "not 200")
      status = codeStatusIn(priced, shopper.code)
    } else if (status === "USAGE_LIMIT_REACHED" || status === undefined) {
      if (last) return { kind: "refused", sessionId, answer: refusal, converts, waits }
      await sleep((shopper.retryPauseMs ?? 300) * (1 + Math.random()))
      last = shopper.isLastAttempt!()
      waits++
      const priced = await send("price", "POST", `/store/cart-sessions/${sessionId}/price`, {})
      if (priced.status !== 200) return unexpected("price", priced, "not 200")
      status = codeStatusIn(priced, shopper.code)
      if (status !== "APPLIED") refusal = priced
    } else {
      return unexpected("session", refusal, `${shopper.code} is ${status}`)
    }
  }

  const session = converted.body?.cart_session
  if (session?.status !== "converted" || typeof session?.converted_cart_id !== "string") {
    return unexpected("convert", converted, "200 without a converted session and cart id")
  }
  if (discountOf(session, shopper.code)?.status !== "APPLIED") {
    return unexpected("convert", converted, `converted without ${shopper.code} APPLIED`)
  }
  const cartId: string = session.converted_cart_id
  const checkout = await checkOutHostCart(shopper.url, shopper.publishableKey, cartId, {
    email: shopper.email,
    shippingOptionId: shopper.shippingOptionId,
    request: shopper.request,
  })
  checkout.answers.forEach((answer) => shopper.onAnswer?.("checkout", answer))
  if (!checkout.placed) {
    return unexpected(checkout.step, checkout.answer, "checkout did not place an order")
  }
  return { kind: "order", sessionId, cartId, orderId: checkout.orderId, converts, waits }
}

/** Opens a session with the code and takes it to an order (convertAndCheckOut). */
export async function shopWithCode(shopper: Shopper): Promise<ShopperOutcome> {
  const opened = await openSessionWithCode(shopper)
  return "kind" in opened ? opened : convertAndCheckOut(shopper, opened)
}

/** One line for a failure message. */
export const describeOutcome = (outcome: ShopperOutcome) =>
  outcome.kind === "unexpected"
    ? `${outcome.sessionId ?? "(no session)"} at ${outcome.step}: ${outcome.reason}: ${outcome.answer.status} ${JSON.stringify(outcome.answer.body).slice(0, 400)}`
    : outcome.kind === "refused"
      ? `${outcome.sessionId}: refused after ${outcome.converts} converts: ${outcome.answer.status} ${outcome.answer.body?.code ?? "(the session, the code out of seats)"}`
      : `${outcome.sessionId}: order ${outcome.orderId}`
