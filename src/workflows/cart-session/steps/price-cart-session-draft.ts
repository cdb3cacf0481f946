import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import type { CatalogueVariant } from "../../../lib/cart-session"
import type { CatalogueRead } from "../../../lib/cart-session/catalogue-freshness"
import { priceSessionChange } from "../helpers/price-session-change"
import type { CheckedSessionCodes } from "./check-session-codes"

export type PriceCartSessionDraftStepInput = {
  /** The session as loaded; null for a new one. */
  before: Sealed<CartSessionState> | null
  draft: Sealed<CartSessionState>
  variants: Record<string, CatalogueVariant>
  /** Set when the change read every line from the host: recorded with the change (not a change by itself). */
  catalogue_read?: CatalogueRead | null
  codes: CheckedSessionCodes
  /** A shopper's change keeps the session alive; a scheduled re-pricing does not. */
  extend_expiry: boolean
}

export const priceCartSessionDraftStepId = "price-cart-session-draft"

/**
 * Prices the draft in memory with the pricing core (host prices refreshed,
 * add-ons of merchants that left removed, every code re-checked), then
 * records the change: version + 1 and `updated_at` when anything differs
 * from the session as loaded, a new expiry for a shopper's change. Pure:
 * the change is written once, by the commit step.
 */
export const priceCartSessionDraftStep = createStep(
  priceCartSessionDraftStepId,
  async (input: PriceCartSessionDraftStepInput, { container }) =>
    new StepResponse(
      seal(
        priceSessionChange(
          container,
          unseal(input.before),
          unseal(input.draft),
          input.variants,
          input.codes,
          input.extend_expiry,
          input.catalogue_read
        )
      )
    )
)
