import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { pricingScopeOf, type SessionForPricing } from "../../../lib/cart-session/pricing-context"
import { seal, type Sealed } from "../helpers/sealed"
import { cartSessionService } from "../helpers/service"
import { sessionExpiry } from "../../../lib/cart-session/session-rules"
import type { CartSessionSetup } from "./resolve-cart-session-setup"

export type DraftCartSessionStepInput = CartSessionSetup & { metadata?: Record<string, unknown> | null }

/** A new session, empty (sealed: helpers/sealed.ts), and whom and where it is priced for. */
export type DraftedCartSession = { draft: Sealed<CartSessionState>; pricing_scope: SessionForPricing }

export const draftCartSessionStepId = "draft-cart-session"

/** A new open session at version 1, in memory: it is written with its first lines and codes, once. */
export const draftCartSessionStep = createStep(
  draftCartSessionStepId,
  async (input: DraftCartSessionStepInput, { container }) => {
    const now = new Date()
    const lifetime = cartSessionService(container).getOptions().sessionLifetimeMinutes
    const session: CartSessionState = {
      id: generateEntityId(undefined, "csess"),
      status: "open",
      currency_code: input.currency_code,
      region_id: input.region_id,
      sales_channel_id: input.sales_channel_id,
      customer_id: input.customer_id,
      email: input.email,
      shipping_address: null,
      shipping_methods: [],
      version: 1,
      priced: true,
      expires_at: sessionExpiry(lifetime, now).toISOString(),
      converted_cart_id: null,
      metadata: input.metadata ?? null,
      catalogue_read_at: null,
      pricing_context_key: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      items: [],
      discounts: [],
    }
    return new StepResponse<DraftedCartSession>({ draft: seal(session), pricing_scope: pricingScopeOf(session) })
  }
)
