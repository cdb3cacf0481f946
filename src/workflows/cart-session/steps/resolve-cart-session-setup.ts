import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutDiscountError } from "../../../lib/errors"
import { isKnownCurrency } from "../../../lib/pricing"

export type ResolveCartSessionSetupStepInput = {
  region_id?: string | null
  /** As the host's cart create takes it: must be the region's currency. */
  currency_code?: string | null
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
 * Where a new session buys: the given region, else the store's default one
 * (or, given only a currency, a region selling in it); the region's currency
 * is the session's, and a `currency_code` that is not is refused
 * (REGION_CURRENCY_MISMATCH), and a sales channel of the publishable key (the
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

    const region = await pickRegion(input, store?.default_region_id ?? null, container)
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

async function pickRegion(
  input: ResolveCartSessionSetupStepInput,
  storeDefault: string | null,
  container: MedusaContainer
): Promise<{ id: string; currency_code: string }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const currency = input.currency_code?.toLowerCase() ?? null
  const regionsWhere = async (filters: Record<string, unknown>) =>
    (await query.graph({ entity: "region", fields: ["id", "currency_code", "created_at"], filters })).data as {
      id: string
      currency_code: string
      created_at: string | Date
    }[]

  if (!input.region_id && currency) {
    const selling = (await regionsWhere({ currency_code: currency })).sort(
      (left, right) => new Date(left.created_at).getTime() - new Date(right.created_at).getTime()
    )
    const chosen = selling.find((region) => region.id === storeDefault) ?? selling[0]
    if (!chosen) {
      throw new CheckoutDiscountError(
        "REGION_CURRENCY_MISMATCH",
        `Field 'currency_code': no region of the store sells in ${currency.toUpperCase()}`
      )
    }
    return chosen
  }
  const regionId = input.region_id ?? storeDefault
  if (!regionId) {
    throw new CheckoutDiscountError(
      "REGION_NOT_FOUND",
      "The store has no default region: field 'region_id' is required"
    )
  }
  const [region] = await regionsWhere({ id: regionId })
  if (!region) {
    throw new CheckoutDiscountError("REGION_NOT_FOUND", `Field 'region_id': region ${regionId} was not found`)
  }
  if (currency && region.currency_code.toLowerCase() !== currency) {
    throw new CheckoutDiscountError(
      "REGION_CURRENCY_MISMATCH",
      `Field 'currency_code': region ${region.id} sells in ${region.currency_code.toUpperCase()}, not ${currency.toUpperCase()}`
    )
  }
  return region
}

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
