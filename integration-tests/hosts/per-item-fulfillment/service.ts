import { AbstractFulfillmentProviderService } from "@medusajs/framework/utils"
import type {
  CalculatedShippingOptionPrice,
  CalculateShippingOptionPriceDTO,
  CreateFulfillmentResult,
  FulfillmentOption,
} from "@medusajs/framework/types"

/** A calculated option's `data`: per currency (lower case), a base amount plus an amount per unit shipped. */
export type PerItemRates = {
  rates: Record<string, { base: number; per_unit: number; tax_inclusive?: boolean }>
}

/** One price the provider calculated: what the host gave it, and what it answered. */
export type PerItemCalculation = {
  cart_id: string | undefined
  currency_code: string | undefined
  /** The line items the host passed in the context (the option's shipping profile only, per HOST-NOTES). */
  item_ids: string[]
  units: number
  amount: number
}

/** The provider's id in the test host: `<identifier>_<id>` of its registration in host/medusa-config.ts. */
export const PER_ITEM_PROVIDER_ID = "per-item_test"

const LOG = Symbol.for("checkout-discounts.test.per-item-fulfillment")

/**
 * Every price the provider calculated in this process, oldest first. The booted
 * test host runs in the test's own process, so a test reads what the host asked.
 */
export function perItemCalculations(): PerItemCalculation[] {
  const holder = globalThis as unknown as Record<symbol, PerItemCalculation[] | undefined>
  return (holder[LOG] ??= [])
}

/**
 * A fulfillment provider for the test host only (host/medusa-config.ts loads it
 * when NODE_ENV is "test"): it calculates an option's price as
 * `base + per_unit × (units of the items in the context)`, with the rates of the
 * cart's currency in the option's `data` (PerItemRates). It fulfils nothing.
 */
export class PerItemFulfillmentService extends AbstractFulfillmentProviderService {
  static identifier = "per-item"

  async getFulfillmentOptions(): Promise<FulfillmentOption[]> {
    return [{ id: "per-item" }, { id: "per-item-return", is_return: true }]
  }

  async validateOption(data: Record<string, unknown>): Promise<boolean> {
    const rates = (data as Partial<PerItemRates>).rates
    return !!rates && Object.values(rates).every((rate) => Number.isFinite(rate.base) && Number.isFinite(rate.per_unit))
  }

  async validateFulfillmentData(_optionData: Record<string, unknown>, data: Record<string, unknown>): Promise<any> {
    return data
  }

  async canCalculate(): Promise<boolean> {
    return true
  }

  async calculatePrice(
    optionData: CalculateShippingOptionPriceDTO["optionData"],
    _data: CalculateShippingOptionPriceDTO["data"],
    context: CalculateShippingOptionPriceDTO["context"]
  ): Promise<CalculatedShippingOptionPrice> {
    const currency = String(context.currency_code ?? "").toLowerCase()
    const rate = (optionData as PerItemRates).rates?.[currency]
    if (!rate) {
      throw new Error(`per-item fulfillment: no rate for currency "${currency}"`)
    }
    const items = context.items ?? []
    const units = items.reduce((sum, item) => sum + Number(item.quantity), 0)
    const amount = rate.base + rate.per_unit * units
    perItemCalculations().push({
      cart_id: context.id,
      currency_code: currency,
      item_ids: items.map((item) => item.id),
      units,
      amount,
    })
    return { calculated_amount: amount, is_calculated_price_tax_inclusive: !!rate.tax_inclusive }
  }

  async createFulfillment(): Promise<CreateFulfillmentResult> {
    return { data: {}, labels: [] }
  }

  async cancelFulfillment(): Promise<any> {
    return {}
  }

  async createReturnFulfillment(): Promise<CreateFulfillmentResult> {
    return { data: {}, labels: [] }
  }
}
