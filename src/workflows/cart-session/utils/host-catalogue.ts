import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, ProductStatus, QueryContext } from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../../lib/errors"
import { isPricingError, toMinorUnits } from "../../../lib/pricing"
import { MERCHANT_MODULE, MerchantModuleService } from "../../../modules/merchant"

/** Where a session buys: its region and currency price the items, its channel sells them. */
export type SessionMarket = { region_id: string; currency_code: string; sales_channel_id: string }

/** A variant as a session sees it in the host's catalogue. */
export type CatalogueVariant = {
  variant_id: string
  product_id: string
  title: string
  variant_title: string | null
  merchant_id: string
  is_add_on_product: boolean
  /** Integer minor units of the session's currency; null when the host has no price in it. */
  unit_price: number | null
}

/** How many add-on products one session looks at, at most. */
export const ADD_ON_SCAN_LIMIT = 200

const PRODUCT_FIELDS = ["id", "title", "status", "metadata", "sales_channels.id"]
const PRICE_FIELDS = ["calculated_price.calculated_amount", "calculated_price.raw_calculated_amount", "calculated_price.currency_code"]

type HostPrice = {
  calculated_amount?: number | null
  raw_calculated_amount?: { value?: string } | null
  currency_code?: string | null
} | null
type HostProduct = {
  id: string
  title: string
  status: string
  metadata?: Record<string, unknown> | null
  sales_channels?: ({ id: string } | null)[] | null
}
type HostVariant = { id: string; title?: string | null; calculated_price?: HostPrice }

/**
 * The variants among `variantIds` the session's shoppers may buy (they exist,
 * their product is published and sold in the session's channel), with the
 * host's price for the session's region and currency converted once to minor
 * units. Variants that are not sold are absent from the map.
 */
export async function fetchSellableVariants(
  container: MedusaContainer,
  variantIds: string[],
  market: SessionMarket
): Promise<Map<string, CatalogueVariant>> {
  const sellable = new Map<string, CatalogueVariant>()
  if (!variantIds.length) {
    return sellable
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "variant",
    fields: ["id", "title", ...PRODUCT_FIELDS.map((field) => `product.${field}`), ...PRICE_FIELDS],
    filters: { id: [...new Set(variantIds)] },
    context: { calculated_price: QueryContext(pricingContext(market)) },
  })
  const merchants = container.resolve<MerchantModuleService>(MERCHANT_MODULE)
  for (const variant of data as (HostVariant & { product?: HostProduct | null })[]) {
    if (variant.product && isSoldIn(variant.product, market)) {
      sellable.set(variant.id, toCatalogueVariant(variant, variant.product, market, merchants))
    }
  }
  return sellable
}

/**
 * Priced add-on variants (product `metadata.add_on === true`) of the given
 * merchants sold in the session's channel. The product module filters on the
 * metadata key; the merchant is read per product, since the fallback merchant
 * has no metadata to filter on. At most ADD_ON_SCAN_LIMIT products are read.
 */
export async function fetchAddOnsOfMerchants(
  container: MedusaContainer,
  merchantIds: string[],
  market: SessionMarket
): Promise<CatalogueVariant[]> {
  if (!merchantIds.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [...PRODUCT_FIELDS, "variants.id", "variants.title", ...PRICE_FIELDS.map((field) => `variants.${field}`)],
    filters: {
      metadata: { add_on: true },
      status: ProductStatus.PUBLISHED,
      sales_channels: { id: market.sales_channel_id },
    } as Record<string, unknown>,
    pagination: { take: ADD_ON_SCAN_LIMIT, skip: 0, order: { created_at: "ASC" } },
    context: { variants: { calculated_price: QueryContext(pricingContext(market)) } },
  })
  const merchants = container.resolve<MerchantModuleService>(MERCHANT_MODULE)
  const wanted = new Set(merchantIds)
  return (data as (HostProduct & { variants?: HostVariant[] | null })[])
    .filter((product) => isSoldIn(product, market))
    .flatMap((product) => (product.variants ?? []).map((variant) => toCatalogueVariant(variant, product, market, merchants)))
    .filter((addOn) => addOn.is_add_on_product && addOn.unit_price !== null && wanted.has(addOn.merchant_id))
}

function pricingContext(market: SessionMarket) {
  return { region_id: market.region_id, currency_code: market.currency_code }
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
    unit_price: unitPriceOf(variant.id, variant.calculated_price ?? null, market.currency_code),
  }
}

/** The host's price in minor units, converted here, once (SPEC §2). */
function unitPriceOf(variantId: string, price: HostPrice, currency: string): number | null {
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
