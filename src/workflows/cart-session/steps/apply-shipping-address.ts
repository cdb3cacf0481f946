import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { withShippingAddress } from "../../../lib/cart-session/shipping"
import type { CartSessionAddress, CartSessionState } from "../../../modules/cart-session"
import { seal, unseal, type Sealed } from "../helpers/sealed"

/** An address as the store API takes it: `country_code` required, every other field optional. */
export type WantedAddress = { country_code: string } & Partial<Omit<CartSessionAddress, "country_code">>

export type ApplyShippingAddressStepInput = {
  draft: Sealed<CartSessionState>
  /** Absent: unchanged. null: removed (and with it every bag's shipping method). */
  shipping_address?: WantedAddress | null
  /** Absent: unchanged. */
  email?: string | null
}

export const applyShippingAddressStepId = "apply-cart-session-shipping-address"

/**
 * The draft with the shopper's email and shipping address. An address must be in a country of the session's
 * region, as the host's cart update requires (SHIPPING_ADDRESS_INVALID otherwise, naming the country and the
 * region's countries); it is stored as the host's cart address takes it (country code lower case).
 */
export const applyShippingAddressStep = createStep(
  applyShippingAddressStepId,
  async ({ draft: sealed, shipping_address, email }: ApplyShippingAddressStepInput, { container }) => {
    const draft = unseal(sealed)
    const next = email === undefined ? draft : { ...draft, email: email ?? null }
    if (shipping_address === undefined) {
      return new StepResponse(seal(next))
    }
    if (shipping_address === null) {
      return new StepResponse(seal(withShippingAddress(next, null)))
    }
    const country = shipping_address.country_code.toLowerCase()
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "region", fields: ["id", "name", "countries.iso_2"], filters: { id: draft.region_id } })
    const countries: string[] = (data[0]?.countries ?? []).flatMap((entry: { iso_2?: string } | null) => (entry?.iso_2 ? [entry.iso_2] : []))
    if (!countries.includes(country)) {
      throw new CheckoutDiscountError(
        "SHIPPING_ADDRESS_INVALID",
        `Country ${country} is not within region ${data[0]?.name ?? draft.region_id} of this cart session` +
          (countries.length ? ` (it has ${countries.join(", ")})` : "")
      )
    }
    const address: CartSessionAddress = {
      country_code: country,
      province: shipping_address.province ?? null,
      postal_code: shipping_address.postal_code ?? null,
      city: shipping_address.city ?? null,
      address_1: shipping_address.address_1 ?? null,
      address_2: shipping_address.address_2 ?? null,
      first_name: shipping_address.first_name ?? null,
      last_name: shipping_address.last_name ?? null,
      company: shipping_address.company ?? null,
      phone: shipping_address.phone ?? null,
    }
    return new StepResponse(seal(withShippingAddress(next, address)))
  }
)
