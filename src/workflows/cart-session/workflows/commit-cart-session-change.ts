import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import {
  buildCartSessionViewStep,
  checkSessionCodesStep,
  commitCartSessionStep,
  fetchSessionCatalogueStep,
  priceCartSessionDraftStep,
  priceSessionShippingStep,
} from "../steps"
import type { WantedShippingMethod } from "../../../lib/cart-session/shipping"
import type { CatalogueVariant } from "../../../lib/cart-session"
import type { SessionPricingContext } from "../../../lib/cart-session/pricing-context"
import type { ChangeIdempotency } from "../helpers/commit-session"

export type CommitCartSessionChangeWorkflowInput = {
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
  /** The request's Idempotency-Key, completed with the answer in the commit's transaction. */
  idempotency?: ChangeIdempotency | null
}

export const commitCartSessionChangeWorkflowId = "commit-cart-session-change"

/**
 * The second half of every change of a session, run as a step of it after
 * the change is applied to a draft in memory: read the host's prices and the
 * coupon module's verdicts once, the host's shipping and tax for its
 * address, price every merchant's bag with the pricing
 * core, build the answer, and commit everything in one transaction guarded by
 * the version the change was loaded at. Returns the answer and the session.
 */
export const commitCartSessionChangeWorkflow = createWorkflow(
  commitCartSessionChangeWorkflowId,
  (input: CommitCartSessionChangeWorkflowInput) => {
    const catalogue = fetchSessionCatalogueStep({
      session: input.draft,
      pricing_context: input.pricing_context,
      known: input.known_variants,
      stored: input.before,
    })
    const codes = checkSessionCodesStep({ session: input.draft, catalogue })
    const shipping = priceSessionShippingStep({
      draft: input.draft,
      catalogue,
      codes,
      wanted: input.wanted_shipping_method,
    })
    const session = priceCartSessionDraftStep({
      before: input.before,
      draft: shipping.draft,
      variants: catalogue.variants,
      catalogue_read: catalogue.read,
      codes,
      extend_expiry: input.extend_expiry,
    })
    const view = buildCartSessionViewStep({ session, add_ons: catalogue.add_ons, notices: shipping.notices })
    commitCartSessionStep({ before: input.before, after: session, view, idempotency: input.idempotency })
    return new WorkflowResponse({ view, session })
  }
)
