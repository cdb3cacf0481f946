import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../../lib/errors"
import { fromMinorUnits, isPricingError, toMinorUnits } from "../../../lib/pricing"
import type {
  BagShippingOffers,
  OfferedShippingOption,
  SessionTaxRates,
} from "../../../lib/cart-session/shipping"
import type { CatalogueVariant } from "../../../lib/cart-session"
import { catalogueKey } from "../../../lib/cart-session/pricing-context"
import type { CartSessionAddress, CartSessionState } from "../../../modules/cart-session"

type HostOption = {
  id: string
  name: string
  price_type: string
  provider_id?: string | null
  data?: Record<string, unknown> | null
  shipping_profile_id?: string | null
  service_zone?: { fulfillment_set_id?: string | null } | null
}
type HostOptionPrice = {
  calculated_amount?: number | null
  raw_calculated_amount?: { value?: string } | null
  is_calculated_price_tax_inclusive?: boolean | null
}
type StockLocation = { id: string; address?: Record<string, unknown> | null; fulfillment_sets?: ({ id: string } | null)[] | null }

/**
 * The shipping options the host offers each of the given merchants' bags at the session's address, each priced
 * for that bag alone (docs/shipping-and-tax.md), by merchant:
 * - offered: an option of a fulfillment set of the stock locations of the session's sales channel, whose service
 *   zone covers the address, enabled in the store and not for returns (the fulfillment module decides it, as for
 *   a cart), on the shipping profile of every product of the bag;
 * - priced: a flat option by its prices with the bag's item total as `item_total` (a "free over 50" option counts
 *   the bag), a calculated one by its provider with the bag's items only.
 * No address: nothing is offered. Reads: the channel's locations, the bags' products' profiles, the options
 * (one call), the flat options' price sets (once), then one pricing call per bag with flat options and one
 * provider call for the calculated ones.
 */
export async function readBagShippingOffers(
  container: MedusaContainer,
  session: CartSessionState,
  merchants: string[],
  itemTotals: Map<string, number>,
  variants: Record<string, CatalogueVariant>
): Promise<BagShippingOffers> {
  const offers: BagShippingOffers = Object.fromEntries(merchants.map((merchant) => [merchant, []]))
  const address = session.shipping_address
  if (!address || !merchants.length) {
    return offers
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const bagLines = (merchant: string) => session.items.filter((line) => line.merchant_id === merchant)
  const productIds = [...new Set(merchants.flatMap((merchant) => bagLines(merchant).map((line) => line.product_id)))]
  const [{ data: channels }, { data: products }] = await Promise.all([
    query.graph({
      entity: "sales_channel",
      fields: ["id", "stock_locations.id", "stock_locations.address.*", "stock_locations.fulfillment_sets.id"],
      filters: { id: session.sales_channel_id },
    }),
    query.graph({ entity: "product", fields: ["id", "shipping_profile.id"], filters: { id: productIds } }),
  ])
  const locations: StockLocation[] = (channels[0]?.stock_locations ?? []).filter(Boolean)
  const locationOfSet = new Map<string, StockLocation>()
  for (const location of locations) {
    for (const set of location.fulfillment_sets ?? []) if (set) locationOfSet.set(set.id, location)
  }
  const profileOf = new Map<string, string | null>(
    (products as { id: string; shipping_profile?: { id: string } | null }[]).map((product) => [
      product.id,
      product.shipping_profile?.id ?? null,
    ])
  )
  // A bag is offered the options of its products' one shipping profile (a bag over several profiles: none).
  const bagProfile = new Map<string, string>()
  for (const merchant of merchants) {
    const profiles = new Set(bagLines(merchant).map((line) => profileOf.get(line.product_id) ?? null))
    const [profile] = [...profiles]
    if (profiles.size === 1 && profile) bagProfile.set(merchant, profile)
  }
  if (!locationOfSet.size || !bagProfile.size) {
    return offers
  }
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const options = (await fulfillment.listShippingOptionsForContext(
    {
      fulfillment_set_id: [...locationOfSet.keys()],
      shipping_profile_id: [...new Set(bagProfile.values())],
      address: {
        country_code: address.country_code,
        province_code: address.province ?? undefined,
        city: address.city ?? undefined,
        postal_expression: address.postal_code ?? undefined,
      },
      context: { is_return: "false", enabled_in_store: "true" },
    } as any,
    { relations: ["service_zone"], take: null as any }
  )) as unknown as HostOption[]

  // The flat options' price sets, read once for every bag; each bag's prices are then one pricing call.
  const flatIds = options.filter((option) => option.price_type === "flat").map((option) => option.id)
  const priceSets = new Map<string, string>()
  if (flatIds.length) {
    const { data } = await query.graph({
      entity: "shipping_option",
      fields: ["id", "price_set_link.price_set_id"],
      filters: { id: flatIds },
    })
    for (const option of data as { id: string; price_set_link?: { price_set_id?: string } | null }[]) {
      if (option.price_set_link?.price_set_id) priceSets.set(option.id, option.price_set_link.price_set_id)
    }
  }
  const pricing = container.resolve(Modules.PRICING)
  await Promise.all(
    [...bagProfile.entries()].map(async ([merchant, profile]) => {
      const bagOptions = options.filter((option) => option.shipping_profile_id === profile)
      if (!bagOptions.length) return
      const itemTotal = itemTotals.get(merchant) ?? 0
      const flat = bagOptions.filter((option) => option.price_type === "flat")
      const calculated = bagOptions.filter((option) => option.price_type !== "flat")
      const prices = new Map<string, HostOptionPrice>()
      if (flat.length) {
        // As the host prices a cart's flat options, with the bag's item total instead of the cart's.
        const priceSetOf = new Map(flat.flatMap((option) => (priceSets.has(option.id) ? [[priceSets.get(option.id)!, option.id]] : [])))
        if (priceSetOf.size) {
          const calculatedPrices = await pricing.calculatePrices(
            { id: [...priceSetOf.keys()] },
            {
              context: {
                currency_code: session.currency_code,
                region_id: session.region_id,
                item_total: fromMinorUnits(itemTotal, session.currency_code),
                ...(session.customer_id ? { customer_id: session.customer_id } : {}),
              } as any,
            }
          )
          for (const price of calculatedPrices) {
            const optionId = priceSetOf.get(price.id)
            if (optionId) prices.set(optionId, price as unknown as HostOptionPrice)
          }
        }
      }
      if (calculated.length) {
        const items = bagLines(merchant).map((line) => ({
          id: line.id,
          variant_id: line.variant_id,
          product_id: line.product_id,
          title: line.title,
          quantity: line.quantity,
          unit_price: fromMinorUnits(line.unit_price, session.currency_code),
          requires_shipping: true,
          variant: { id: line.variant_id, product: { id: line.product_id, type_id: variants[catalogueKey(line)]?.type_id ?? null } },
        }))
        const calculatedPrices = await fulfillment.calculateShippingOptionsPrices(
          calculated.map((option) => ({
            id: option.id,
            provider_id: option.provider_id!,
            optionData: option.data ?? {},
            data: {},
            context: {
              id: session.id,
              currency_code: session.currency_code,
              region_id: session.region_id,
              customer_id: session.customer_id,
              email: session.email,
              shipping_address: address,
              items,
              item_total: fromMinorUnits(itemTotal, session.currency_code),
              from_location: locationOfSet.get(option.service_zone?.fulfillment_set_id ?? "") ?? null,
            } as any,
          }))
        )
        calculated.forEach((option, index) => {
          const price = calculatedPrices[index] as HostOptionPrice | undefined
          if (price) prices.set(option.id, price)
        })
      }
      offers[merchant] = bagOptions.flatMap((option) => {
        const price = prices.get(option.id)
        const amount = price ? optionAmount(option, price, session.currency_code) : null
        if (amount === null) return [] // not priced for the bag: not offered (as the host leaves it out)
        const offered: OfferedShippingOption = {
          id: option.id,
          name: option.name,
          price_type: option.price_type === "flat" ? "flat" : "calculated",
          provider_id: option.provider_id ?? null,
          amount,
          is_tax_inclusive: price!.is_calculated_price_tax_inclusive === true,
          data: option.data ?? null,
        }
        return [offered]
      })
    })
  )
  return offers
}

/** The option's price in minor units, converted once; a sub-unit price (5.005 USD) is refused, naming the option. */
function optionAmount(option: HostOption, price: HostOptionPrice, currency: string): number | null {
  const amount = price.raw_calculated_amount?.value ?? price.calculated_amount
  if (amount === null || amount === undefined) return null
  try {
    return toMinorUnits(amount, currency, "shipping amount")
  } catch (error) {
    if (isPricingError(error)) {
      throw new CheckoutDiscountError(
        "AMOUNT_OUT_OF_RANGE",
        `Shipping option ${option.name} (${option.id}) costs ${amount} ${currency.toUpperCase()}, which a cart session cannot price exactly`
      )
    }
    throw error
  }
}

/**
 * The host's tax rates for the session's lines and shipping methods at its address, as the host's cart gets its
 * tax lines: only in a region with automatic taxes and with an address country; `null` otherwise (no tax).
 * Reads: the region, then one call of the tax module.
 */
export async function readSessionTaxRates(
  container: MedusaContainer,
  session: CartSessionState,
  optionIds: string[],
  variants: Record<string, CatalogueVariant>
): Promise<SessionTaxRates | null> {
  const address = session.shipping_address
  if (!address || (!session.items.length && !optionIds.length)) {
    return null
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "automatic_taxes"],
    filters: { id: session.region_id },
  })
  if (!regions[0]?.automatic_taxes) {
    return null
  }
  const currency = session.currency_code
  const items = session.items.map((line) => ({
    id: line.id,
    product_id: line.product_id,
    product_type_id: variants[catalogueKey(line)]?.type_id ?? undefined,
    quantity: line.quantity,
    unit_price: fromMinorUnits(line.unit_price, currency),
    currency_code: currency,
  }))
  // A method's rates depend on its option, not its amount: one line per option.
  const methods = optionIds.map((optionId) => ({
    id: optionId,
    shipping_option_id: optionId,
    unit_price: 0,
    currency_code: currency,
  }))
  const lines = (await container.resolve(Modules.TAX).getTaxLines([...items, ...methods] as any, {
    address: taxAddressOf(address),
    is_return: false,
  } as any)) as { rate?: number | null; line_item_id?: string; shipping_line_id?: string }[]
  const rates: SessionTaxRates = { lines: {}, options: {} }
  for (const line of lines) {
    if (line.rate === null || line.rate === undefined) continue
    const target = line.shipping_line_id !== undefined ? rates.options : rates.lines
    const id = (line.shipping_line_id ?? line.line_item_id)!
    ;(target[id] ??= []).push(Number(line.rate))
  }
  return rates
}

function taxAddressOf(address: CartSessionAddress) {
  return {
    country_code: address.country_code,
    province_code: address.province,
    address_1: address.address_1,
    address_2: address.address_2,
    city: address.city,
    postal_code: address.postal_code,
  }
}
