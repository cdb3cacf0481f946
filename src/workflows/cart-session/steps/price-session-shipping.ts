import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartSessionState } from "../../../modules/cart-session"
import { priceDraft } from "../../../lib/cart-session"
import {
  assertShippingAddressFor,
  bagItemTotals,
  bagShippingBasis,
  type BagShippingOffers,
  merchantsToOffer,
  optionsToTax,
  recheckShippingMethods,
  type ShippingNotice,
  type WantedShippingMethod,
  withTaxRates,
} from "../../../lib/cart-session/shipping"
import { storeRuleRegistry } from "../helpers/check-codes"
import { readBagShippingOffers, readSessionTaxRates } from "../host/shipping"
import type { CheckedSessionCodes } from "./check-session-codes"
import type { SessionCatalogue } from "./fetch-session-catalogue"
import { seal, unseal, type Sealed } from "../helpers/sealed"

export type PriceSessionShippingInput = {
  draft: CartSessionState
  catalogue: SessionCatalogue
  codes: CheckedSessionCodes
  /** A bag's method the shopper chooses in this change (checked against what the host offers the bag). */
  wanted?: WantedShippingMethod | null
  /** Ask the host about every bag, not only those with a method (listing the options). */
  offer_all_bags?: boolean
  /** Check every bag's method again even if nothing it was priced for changed (convert). */
  recheck_all?: boolean
}

export type SessionShipping = {
  /** The draft with its methods checked again and priced for their bags, and the host's tax rates. */
  draft: CartSessionState
  /** Methods this change removed (no longer offered), said in its answer. */
  notices: ShippingNotice[]
  /** What the host offers the bags it was asked about, by merchant. */
  offers: BagShippingOffers
}

/** priceSessionShipping's input and result as a step takes and returns them: the drafts sealed (helpers/sealed.ts). */
export type PriceSessionShippingStepInput = Omit<PriceSessionShippingInput, "draft"> & { draft: Sealed<CartSessionState> }
export type SealedSessionShipping = Omit<SessionShipping, "draft"> & { draft: Sealed<CartSessionState> }

export const priceSessionShippingStepId = "price-cart-session-shipping"

/**
 * The host's shipping and tax for a draft (docs/shipping-and-tax.md): tax rates of its lines and methods for
 * its address, each bag's method checked again against the options the host offers that bag now and priced
 * for the bag alone (a method no longer offered is removed, with a notice), the wanted method checked and set.
 * A session without an address reads nothing: no shipping, no tax.
 */
export async function priceSessionShipping(
  container: MedusaContainer,
  { draft, catalogue, codes, wanted = null, offer_all_bags = false, recheck_all = false }: PriceSessionShippingInput
): Promise<SessionShipping> {
  if (!draft.shipping_address) {
    assertShippingAddressFor(draft, wanted)
    return { draft: withTaxRates({ ...draft, shipping_methods: [] }, null), notices: [], offers: {} }
  }
  const rates = await readSessionTaxRates(container, draft, optionsToTax(draft, wanted), catalogue.variants)
  const taxed = withTaxRates(draft, rates)
  if (!taxed.shipping_methods.length && !wanted && !offer_all_bags) {
    return { draft: taxed, notices: [], offers: {} }
  }
  // What each bag's items come to after item discounts: shipping never changes it.
  const { priced } = priceDraft({ ...taxed, shipping_methods: [] }, catalogue.variants, codes, {
    registry: storeRuleRegistry(container),
  })
  const itemTotals = bagItemTotals(priced)
  const bases = new Map([...itemTotals].map(([merchant, total]) => [merchant, bagShippingBasis(taxed, merchant, total)]))
  const merchants = offer_all_bags ? [...itemTotals.keys()] : merchantsToOffer(taxed, wanted, bases, recheck_all)
  if (!merchants.length) {
    return { draft: taxed, notices: [], offers: {} }
  }
  const offers = await readBagShippingOffers(container, taxed, merchants, itemTotals, catalogue.variants)
  const { state, notices } = recheckShippingMethods(taxed, offers, wanted, bases)
  return { draft: withTaxRates(state, rates), notices, offers }
}

/** priceSessionShipping as a step. */
export const priceSessionShippingStep = createStep(
  priceSessionShippingStepId,
  async ({ draft, ...input }: PriceSessionShippingStepInput, { container }) => {
    const shipping = await priceSessionShipping(container, { ...input, draft: unseal(draft) })
    return new StepResponse<SealedSessionShipping>({ ...shipping, draft: seal(shipping.draft) })
  }
)
