import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionCommit, CartSessionState } from "../../../modules/cart-session"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { diffSessionChange } from "../../../lib/cart-session/session-draft"
import type { SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import type { WantedShippingMethod } from "../../../lib/cart-session/shipping"
import { priceSessionChange } from "../helpers/price-session-change"
import { buildCartSessionView, type CartSessionView } from "../views/cart-session-view"
import { checkSessionCodes } from "./check-session-codes"
import { readSessionCatalogue } from "./fetch-session-catalogue"
import { priceSessionShipping } from "./price-session-shipping"

export type PriceCartSessionChangeStepInput = {
  /** The session as the change loaded it; null for a new one. */
  before: CartSessionState | null
  /** The session with the change applied in memory, not priced yet. */
  draft: CartSessionState
  /** A shopper's change keeps the session alive; a scheduled re-pricing does not. */
  extend_expiry: boolean
  /** The draft's pricing context, when the change already read it (else read here). */
  pricing_context?: SessionPricingContext
  /** Variants the change already read from the host, in that context. */
  known_variants?: CatalogueVariant[]
  /** A bag's shipping method the shopper chooses in this change. */
  wanted_shipping_method?: WantedShippingMethod | null
}

export type PricedCartSessionChange = {
  /** The session priced and recorded as a change (version + 1 when anything differs). */
  session: CartSessionState
  /** Its answer, built before anything is written. */
  view: CartSessionView
  /** What committing it writes; null when nothing changed. */
  change: CartSessionCommit | null
}

export const priceCartSessionChangeStepId = "price-cart-session-change"

/**
 * Everything a change decides between loading the session and writing it, in one step: what the host's
 * catalogue says now of the lines the change touches (readSessionCatalogue), what every code is worth
 * (checkSessionCodes), each bag's shipping and tax (priceSessionShipping), the pricing core's prices
 * (priceSessionChange), the answer (buildCartSessionView, so that an answer that cannot be built refuses the
 * change) and the rows to write (diffSessionChange). Read only. One step, not five: the workflow engine copies
 * every step's input twice (resolving it, then deep-copying it), and each of those steps took the whole session,
 * which at 200 lines made the copies a fifth of a change's time (docs/benchmarks.md). Convert and the shipping
 * options list run the same functions as steps of their own.
 */
export const priceCartSessionChangeStep = createStep(
  priceCartSessionChangeStepId,
  async (input: PriceCartSessionChangeStepInput, { container }) => {
    const { before, draft } = input
    const catalogue = await readSessionCatalogue(container, {
      session: draft,
      pricing_context: input.pricing_context,
      known: input.known_variants,
      stored: before,
    })
    const codes = await checkSessionCodes(container, { session: draft, catalogue })
    const shipping = await priceSessionShipping(container, {
      draft,
      catalogue,
      codes,
      wanted: input.wanted_shipping_method,
    })
    const session = priceSessionChange(container, before, shipping.draft, catalogue.variants, codes, input.extend_expiry, catalogue.read)
    const view = buildCartSessionView(session, catalogue.add_ons, new Date(), shipping.notices)
    return new StepResponse<PricedCartSessionChange>({ session, view, change: diffSessionChange(before, session) })
  }
)
