import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionCommit, CartSessionState } from "../../../modules/cart-session"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { diffSessionChange } from "../../../lib/cart-session/session-draft"
import type { SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import type { WantedShippingMethod } from "../../../lib/cart-session/shipping"
import { priceSessionChange } from "../helpers/price-session-change"
import { seal, unseal, type Sealed } from "../helpers/sealed"
import { buildCartSessionView, type CartSessionView } from "../views/cart-session-view"
import { checkSessionCodes } from "./check-session-codes"
import { readSessionCatalogue } from "./fetch-session-catalogue"
import { priceSessionShipping } from "./price-session-shipping"

export type PriceCartSessionChangeStepInput = {
  /** The session as the change loaded it; null for a new one. */
  before: Sealed<CartSessionState> | null
  /** The session with the change applied in memory, not priced yet. */
  draft: Sealed<CartSessionState>
  /** A shopper's change keeps the session alive; a scheduled re-pricing does not. */
  extend_expiry: boolean
  /** The draft's pricing context, when the change already read it (else read here). */
  pricing_context?: SessionPricingContext
  /** Variants the change already read from the host, in that context. */
  known_variants?: CatalogueVariant[]
  /** A bag's shipping method the shopper chooses in this change. */
  wanted_shipping_method?: WantedShippingMethod | null
  /** Return the priced session too (the admin's view is built from it); by default only its answer and rows. */
  return_session?: boolean
}

/** Sealed (helpers/sealed.ts): each part is handed on to another step or to the workflow's answer as it is. */
export type PricedCartSessionChange = {
  /** The session priced and recorded as a change (version + 1 when anything differs); null unless asked for (`return_session`). */
  session: Sealed<CartSessionState> | null
  /** Its answer, built before anything is written. */
  view: Sealed<CartSessionView>
  /** What committing it writes; null when nothing changed. */
  change: Sealed<CartSessionCommit | null>
}

export const priceCartSessionChangeStepId = "price-cart-session-change"

/**
 * Everything a change decides between loading the session and writing it, in one step: what the host's
 * catalogue says now of the lines the change touches (readSessionCatalogue), what every code is worth
 * (checkSessionCodes), each bag's shipping and tax (priceSessionShipping), the pricing core's prices
 * (priceSessionChange), the answer (buildCartSessionView, so that an answer that cannot be built refuses the
 * change) and the rows to write (diffSessionChange). Read only. One step, not five: the workflow engine copies
 * every step's input twice (resolving it, then deep-copying it), and each of those steps took the whole session,
 * which at 200 lines made the copies a fifth of a change's time (docs/benchmarks.md); and the sessions it
 * takes and the parts it returns are sealed (helpers/sealed.ts). Convert and the shipping options list run the
 * same functions as steps of their own.
 */
export const priceCartSessionChangeStep = createStep(
  priceCartSessionChangeStepId,
  async (input: PriceCartSessionChangeStepInput, { container }) => {
    const before = unseal(input.before)
    const draft = unseal(input.draft)
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
    return new StepResponse<PricedCartSessionChange>({
      session: input.return_session ? seal(session) : null,
      view: seal(view),
      change: seal(diffSessionChange(before, session)),
    })
  }
)
