import { FulfillmentWorkflow, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import type { StoreHeaders, Storefront } from "./store"

export type CheckoutSetup = { shippingProfileId: string; shippingOptionId: string }

/**
 * What a host cart of the storefront needs to be completed (HOST-NOTES): a
 * stock location of the channel with the manual fulfillment provider, a
 * fulfillment set covering `countries`, and a flat shipping option of
 * `shippingAmount` for the storefront's default region. The storefront's
 * region must have those countries and `pp_system_default`.
 */
export async function createCheckoutSetup(
  container: MedusaContainer,
  shop: Storefront,
  { countries = ["us"], shippingAmount = 5 }: { countries?: string[]; shippingAmount?: number } = {}
): Promise<CheckoutSetup> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({ input: { locations: [{ name: "Warehouse" }] } })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [shop.salesChannelId] } })
  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({ input: { data: [{ name: "Parcels", type: "default" }] } })
  const fulfillmentSet = await container.resolve(Modules.FULFILLMENT).createFulfillmentSets({
    name: "Delivery",
    type: "shipping",
    service_zones: [{ name: "Zone", geo_zones: countries.map((country_code) => ({ type: "country" as const, country_code })) }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const {
    result: [option],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      storeShippingOption({
        serviceZoneId: fulfillmentSet.service_zones[0].id,
        profileId: profile.id,
        prices: [{ region_id: shop.regionId, amount: shippingAmount }],
      }),
    ],
  })
  return { shippingProfileId: profile.id, shippingOptionId: option.id }
}

/** The storefront's checkout of a host cart: shipping method, payment collection and session, complete. */
export async function completeHostCart(api: any, cartId: string, headers: StoreHeaders, setup: CheckoutSetup) {
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: setup.shippingOptionId }, headers)
  return (await payAndComplete(api, cartId, headers)).completed
}

/**
 * The storefront's last steps of a host cart that has its shipping: a payment collection, a session of the
 * system payment provider, complete. Answers the complete's response and the collection's amount.
 */
export async function payAndComplete(api: any, cartId: string, headers: StoreHeaders) {
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  const completed = await api.post(`/store/carts/${cartId}/complete`, {}, headers)
  return { completed, paymentAmount: payment_collection.amount }
}

/**
 * A shipping option shoppers can pick in the store (the rules HOST-NOTES names), as the admin API
 * and workflow take it: flat with `prices` by default; `price_type: "calculated"` asks its
 * provider for the price (no `prices`), with the option's `data` as the provider's option data.
 */
export function storeShippingOption({
  serviceZoneId,
  profileId,
  prices,
  name = "Standard shipping",
  type = { label: "Standard", description: "Ships in 2-3 days.", code: "standard" },
  priceType = "flat",
  providerId = "manual_manual",
  data,
}: {
  serviceZoneId: string
  profileId: string
  /** A price may carry rules, e.g. `[{ attribute: "item_total", operator: "gte", value: 50 }]`. */
  prices?: (({ region_id: string } | { currency_code: string }) & {
    amount: number
    rules?: { attribute: string; operator: string; value: string | number }[]
  })[]
  name?: string
  type?: { label: string; description: string; code: string }
  priceType?: "flat" | "calculated"
  providerId?: string
  data?: Record<string, unknown>
}): FulfillmentWorkflow.CreateShippingOptionsWorkflowInput {
  return {
    name,
    price_type: priceType,
    provider_id: providerId,
    service_zone_id: serviceZoneId,
    shipping_profile_id: profileId,
    type,
    ...(prices ? { prices } : {}),
    ...(data ? { data } : {}),
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
      { attribute: "is_return", value: "false", operator: "eq" as const },
    ],
  } as FulfillmentWorkflow.CreateShippingOptionsWorkflowInput
}
