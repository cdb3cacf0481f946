import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { planCodeAdditions, sessionCodesOf, WantedCode } from "../utils/code-plan"
import { cartSessionService, loadCartSession, nextPosition } from "../utils/load"

export type AddCodesStepInput = {
  cart_session_id: string
  codes: WantedCode[]
  /** How the request names its codes, for messages: "discounts" → discounts[0].code; absent → code. */
  field?: string
}

/**
 * Adds codes to a session as PENDING discounts, after the ones it has. A code
 * already there with the same merchant scope is not added twice. Refuses a
 * malformed code and going past `maxCodesPerSession`. Compensation deletes
 * the new rows.
 */
export const addCodesStep = createStep(
  "add-cart-session-codes",
  async (input: AddCodesStepInput, { container }) => {
    const sessions = cartSessionService(container)
    const session = await loadCartSession(container, input.cart_session_id)
    const { toCreate } = planCodeAdditions(sessionCodesOf(session.discounts), input.codes, {
      maxCodes: sessions.getOptions().maxCodesPerSession,
      field: input.field ? (index) => `${input.field}[${index}].code` : undefined,
    })
    if (!toCreate.length) {
      return new StepResponse({ changed: false }, [] as string[])
    }
    const firstPosition = nextPosition(session.discounts)
    const created = await sessions.createCartSessionDiscounts(
      toCreate.map((code, index) => ({
        cart_session_id: session.id,
        position: firstPosition + index,
        type: "CODE" as const,
        code: code.code,
        merchant_id: code.merchant_id ?? null,
        scope_merchant_id: code.merchant_id ?? null,
        status: "PENDING" as const,
      }))
    )
    return new StepResponse(
      { changed: true },
      created.map((discount) => discount.id)
    )
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) {
      return
    }
    await cartSessionService(container).deleteCartSessionDiscounts(createdIds)
  }
)
