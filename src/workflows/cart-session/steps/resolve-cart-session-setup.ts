import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { isKnownCurrency } from "../../../lib/pricing"

export type ResolveCartSessionSetupStepInput = {
  region_id?: string | null
  sales_channel_id?: string | null
  /** The sales channels of the request's publishable key. */
  publishable_sales_channel_ids: string[]
  customer_id?: string | null
  email?: string | null
}

export type CartSessionSetup = {
  region_id: string
  currency_code: string
  sales_channel_id: string
  customer_id: string | null
  email: string | null
}

/**
 * Where a new session buys: the given region or the store's default one (its
 * currency is the session's), and a sales channel of the publishable key (the
 * key's only one when none is given). A logged-in customer's email is the
 * default email.
 */
export const resolveCartSessionSetupStep = createStep(
  "resolve-cart-session-setup",
  async (input: ResolveCartSessionSetupStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [store],
    } = await query.graph({ entity: "store", fields: ["default_region_id", "default_sales_channel_id"] })

    const regionId = input.region_id ?? store?.default_region_id
    if (!regionId) {
      throw new CheckoutDiscountError(
        "REGION_NOT_FOUND",
        "The store has no default region: field 'region_id' is required"
      )
    }
    const {
      data: [region],
    } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: regionId } })
    if (!region) {
      throw new CheckoutDiscountError("REGION_NOT_FOUND", `Field 'region_id': region ${regionId} was not found`)
    }
    if (!isKnownCurrency(region.currency_code)) {
      throw new CheckoutDiscountError(
        "CURRENCY_NOT_SUPPORTED",
        `Region ${region.id} sells in ${region.currency_code}, which is not an ISO 4217 currency with a minor unit`
      )
    }

    const salesChannelId = await pickSalesChannel(input, store?.default_sales_channel_id ?? null, container)
    let email = input.email ?? null
    if (!email && input.customer_id) {
      const {
        data: [customer],
      } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: input.customer_id } })
      email = customer?.email ?? null
    }
    const setup: CartSessionSetup = {
      region_id: region.id,
      currency_code: region.currency_code.toLowerCase(),
      sales_channel_id: salesChannelId,
      customer_id: input.customer_id ?? null,
      email,
    }
    return new StepResponse(setup)
  }
)

async function pickSalesChannel(
  input: ResolveCartSessionSetupStepInput,
  storeDefault: string | null,
  container: MedusaContainer
): Promise<string> {
  const keyChannels = input.publishable_sales_channel_ids
  const given = input.sales_channel_id ?? null
  if (keyChannels.length) {
    if (given && !keyChannels.includes(given)) {
      throw new CheckoutDiscountError(
        "SALES_CHANNEL_NOT_ALLOWED",
        `Field 'sales_channel_id': sales channel ${given} is not one of the publishable key's sales channels`
      )
    }
    if (!given && keyChannels.length > 1) {
      throw new CheckoutDiscountError(
        "SALES_CHANNEL_NOT_ALLOWED",
        "The publishable key has several sales channels: field 'sales_channel_id' is required"
      )
    }
    return given ?? keyChannels[0]
  }
  const channelId = given ?? storeDefault
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: channels } = channelId
    ? await query.graph({ entity: "sales_channel", fields: ["id"], filters: { id: channelId } })
    : { data: [] }
  if (!channels.length) {
    throw new CheckoutDiscountError(
      "SALES_CHANNEL_NOT_ALLOWED",
      channelId
        ? `Field 'sales_channel_id': sales channel ${channelId} was not found`
        : "The store has no default sales channel: field 'sales_channel_id' is required"
    )
  }
  return channelId as string
}
