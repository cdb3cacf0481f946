import { MedusaContainer, PricingContext } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../../lib/errors"
import { isPricingError, toMinorUnits } from "../../../lib/pricing"
import { MERCHANT_MODULE, MerchantModuleService } from "../../../modules/merchant"
import {
  type CatalogueVariant,
  catalogueKey,
  groupVariantsByQuantity,
  hostPricingContext,
  SessionForPricing,
  SessionMarket,
  SessionPricingContext,
  storeContextOf,
  VariantQuantity,
} from "../../../lib/cart-session/pricing-context"
import { cartSessionService } from "../helpers/service"
import { readCustomerGroupIds } from "./rule-facts"

/** How many add-on products one session looks at, at most. */
export const ADD_ON_SCAN_LIMIT = 200

// collection_id and type_id are columns of the product row already read: coupon rules on them cost nothing more.
const PRODUCT_FIELDS = ["id", "title", "status", "metadata", "collection_id", "type_id", "sales_channels.id"]
const VARIANT_FIELDS = ["id", "title", "price_set.id"]

type HostPrice = {
  calculated_amount?: number | null
  raw_calculated_amount?: { value?: string } | null
  currency_code?: string | null
  is_calculated_price_tax_inclusive?: boolean | null
}
type HostProduct = {
  id: string
  title: string
  status: string
  collection_id?: string | null
  type_id?: string | null
  metadata?: Record<string, unknown> | null
  sales_channels?: ({ id: string } | null)[] | null
}
type HostVariant = { id: string; title?: string | null; price_set?: { id: string } | null }

/**
 * The context the host will price the session's cart with: the session's
 * market and customer, the customer's groups (one read; none without a
 * customer), and what the store's `pricingContext` option adds (its own
 * carts' pricing context; called once).
 */
export async function readSessionPricingContext(
  container: MedusaContainer,
  session: SessionForPricing
): Promise<SessionPricingContext> {
  const { region_id, currency_code, sales_channel_id } = session
  const customerId = session.customer_id ?? null
  const groupIds = customerId ? await readCustomerGroupIds(container, customerId) : []
  const storePricingContext = cartSessionService(container).getOptions().pricingContext
  const customer = customerId ? { id: customerId, groups: groupIds.map((id) => ({ id })) } : null
  const storeContext = storePricingContext
    ? storeContextOf(
        await storePricingContext({
          session: {
            id: session.id,
            region_id,
            currency_code,
            sales_channel_id,
            customer_id: customerId,
            email: session.email ?? null,
            metadata: session.metadata ?? null,
          },
          customer,
          container,
        })
      )
    : {}
  return {
    region_id,
    currency_code,
    sales_channel_id,
    customer_id: customerId,
    customer_group_ids: groupIds,
    store_context: storeContext,
  }
}

/**
 * The variants among `wanted` the session's shoppers may buy (they exist,
 * their product is published and sold in the session's channel), each with
 * the host's price at the quantity asked for in the session's context,
 * converted once to minor units; keyed by `catalogueKey`. Variants that are
 * not sold are absent from the map.
 */
export async function fetchSellableVariants(
  container: MedusaContainer,
  wanted: VariantQuantity[],
  context: SessionPricingContext
): Promise<Map<string, CatalogueVariant>> {
  const sellable = new Map<string, CatalogueVariant>()
  if (!wanted.length) {
    return sellable
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const merchants = container.resolve<MerchantModuleService>(MERCHANT_MODULE)
  // One query for every line, the merchant's link (merchantLink) included.
  const { data } = await query.graph({
    entity: "variant",
    fields: [...VARIANT_FIELDS, ...productFields(merchants).map((field) => `product.${field}`)],
    filters: { id: [...new Set(wanted.map((item) => item.variant_id))] },
  })
  const sold = new Map<string, HostVariant & { product: HostProduct }>()
  for (const variant of data as (HostVariant & { product?: HostProduct | null })[]) {
    if (variant.product && isSoldIn(variant.product, context)) {
      sold.set(variant.id, { ...variant, product: variant.product })
    }
  }
  const soldWanted = wanted.filter((item) => sold.has(item.variant_id))
  const prices = await calculateHostPrices(container, soldWanted, sold, context)
  for (const item of soldWanted) {
    const variant = sold.get(item.variant_id)!
    const key = catalogueKey(item)
    sellable.set(key, toCatalogueVariant(variant, variant.product, item.quantity, prices.get(key), context, merchants))
  }
  return sellable
}

/**
 * Priced add-on variants (product `metadata.add_on === true`) of the given
 * merchants sold in the session's channel, at quantity 1 (an add-on line's).
 * The product module filters on the metadata key; the merchant is read per
 * product, since the fallback merchant has no metadata to filter on. At most
 * ADD_ON_SCAN_LIMIT products are read.
 */
export async function fetchAddOnsOfMerchants(
  container: MedusaContainer,
  merchantIds: string[],
  context: SessionPricingContext
): Promise<CatalogueVariant[]> {
  if (!merchantIds.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const merchants = container.resolve<MerchantModuleService>(MERCHANT_MODULE)
  const { data } = await query.graph({
    entity: "product",
    fields: [...productFields(merchants), ...VARIANT_FIELDS.map((field) => `variants.${field}`)],
    filters: {
      metadata: { add_on: true },
      status: ProductStatus.PUBLISHED,
      sales_channels: { id: context.sales_channel_id },
    } as Record<string, unknown>,
    // No `skip`: the host's query then lists without counting (a `skip` makes it count every match too).
    pagination: { take: ADD_ON_SCAN_LIMIT, order: { created_at: "ASC" } },
  })
  const wantedMerchants = new Set(merchantIds)
  const offered = (data as (HostProduct & { variants?: HostVariant[] | null })[])
    .filter(
      (product) =>
        isSoldIn(product, context) &&
        product.metadata?.add_on === true &&
        wantedMerchants.has(merchants.merchantHandleForProduct(product))
    )
    .flatMap((product) => (product.variants ?? []).map((variant) => ({ ...variant, product })))
  const variants = new Map(offered.map((variant) => [variant.id, variant]))
  const wanted = offered.map((variant) => ({ variant_id: variant.id, quantity: 1 }))
  const prices = await calculateHostPrices(container, wanted, variants, context)
  return offered
    .map((variant) =>
      toCatalogueVariant(variant, variant.product, 1, prices.get(catalogueKey({ variant_id: variant.id, quantity: 1 })), context, merchants)
    )
    .filter((addOn) => addOn.unit_price !== null)
}

/**
 * The host's price of each variant at each quantity asked for, in the
 * session's context, by `catalogueKey`: one call of the pricing module per
 * distinct quantity, as the host prices a cart's lines.
 */
async function calculateHostPrices(
  container: MedusaContainer,
  wanted: VariantQuantity[],
  variants: Map<string, HostVariant>,
  context: SessionPricingContext
): Promise<Map<string, HostPrice>> {
  const pricing = container.resolve(Modules.PRICING)
  const prices = new Map<string, HostPrice>()
  const priceSetOf = (variantId: string) => variants.get(variantId)?.price_set?.id
  await Promise.all(
    groupVariantsByQuantity(wanted).map(async ({ quantity, variant_ids }) => {
      const priceSetIds = variant_ids.flatMap((id) => priceSetOf(id) ?? [])
      if (!priceSetIds.length) {
        return
      }
      // The host's type lists flat values only; its cart passes the customer as an object too, as here.
      const calculated = await pricing.calculatePrices(
        { id: priceSetIds },
        { context: hostPricingContext(context, quantity) as PricingContext["context"] }
      )
      const byPriceSet = new Map(calculated.map((price) => [price.id, price as HostPrice]))
      for (const variant_id of variant_ids) {
        const price = byPriceSet.get(priceSetOf(variant_id) ?? "")
        if (price) {
          prices.set(catalogueKey({ variant_id, quantity }), price)
        }
      }
    })
  )
  return prices
}

/** The product fields read for a line: its facts and where its merchant comes from. */
function productFields(merchants: MerchantModuleService): string[] {
  return [...PRODUCT_FIELDS, ...merchants.merchantProductFields()]
}

function isSoldIn(product: HostProduct, market: SessionMarket): boolean {
  return (
    product.status === ProductStatus.PUBLISHED &&
    (product.sales_channels ?? []).some((channel) => channel?.id === market.sales_channel_id)
  )
}

function toCatalogueVariant(
  variant: HostVariant,
  product: HostProduct,
  quantity: number,
  price: HostPrice | undefined,
  market: SessionMarket,
  merchants: MerchantModuleService
): CatalogueVariant {
  return {
    variant_id: variant.id,
    product_id: product.id,
    title: product.title,
    variant_title: variant.title ?? null,
    merchant_id: merchants.merchantHandleForProduct(product),
    is_add_on_product: product.metadata?.add_on === true,
    collection_id: product.collection_id ?? null,
    type_id: product.type_id ?? null,
    quantity,
    unit_price: unitPriceOf(variant.id, price ?? null, market.currency_code),
    is_tax_inclusive: price?.is_calculated_price_tax_inclusive === true,
  }
}

/** The host's price in minor units, converted here, once (docs/money.md). */
function unitPriceOf(variantId: string, price: HostPrice | null, currency: string): number | null {
  if (!price || price.currency_code?.toLowerCase() !== currency.toLowerCase()) {
    return null
  }
  const amount = price.raw_calculated_amount?.value ?? price.calculated_amount
  if (amount === null || amount === undefined) {
    return null
  }
  try {
    return toMinorUnits(amount, currency, "unit_price")
  } catch (error) {
    if (isPricingError(error) && error.code === "AMOUNT_OUT_OF_RANGE") {
      throw new CheckoutDiscountError(
        "AMOUNT_OUT_OF_RANGE",
        `Variant ${variantId} costs ${amount} ${currency.toUpperCase()}, more than a cart session can price exactly`
      )
    }
    throw error
  }
}
