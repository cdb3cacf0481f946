import { PricingError } from "./errors"
import { invalid, requireInteger, requireText } from "./input-checks"
import { checkTax, type CheckedTax } from "./tax"
import type { PricingShippingMethodInput } from "./types"

export type CheckedShippingMethod = {
  merchant_id: string
  option_id: string
  name: string
  amount: number
  tax: CheckedTax
}

/**
 * Checks the bags' shipping methods: at most one a merchant, each for a merchant with a line in the session.
 * With `ignoreMissingBags` (stored data read back) a method whose merchant has no line left is left out.
 */
export function checkShippingMethods(
  methods: unknown,
  merchants: ReadonlySet<string>,
  ignoreMissingBags: boolean
): CheckedShippingMethod[] {
  if (methods == null) return []
  if (!Array.isArray(methods)) throw invalid("shipping_methods", "must be an array", methods)
  const seen = new Set<string>()
  const checked: CheckedShippingMethod[] = []
  methods.forEach((method: PricingShippingMethodInput, index) => {
    const path = `shipping_methods[${index}]`
    if (!method || typeof method !== "object") throw invalid(path, "must be an object", method)
    const merchant_id = requireText(method.merchant_id, `${path}.merchant_id`)
    if (seen.has(merchant_id)) {
      throw new PricingError("DUPLICATE_ID", `${path}.merchant_id ${JSON.stringify(merchant_id)} has a shipping method already`, `${path}.merchant_id`)
    }
    seen.add(merchant_id)
    const option_id = requireText(method.option_id, `${path}.option_id`)
    if (typeof method.name !== "string") throw invalid(`${path}.name`, "must be a string", method.name)
    const amount = requireInteger(method.amount, `${path}.amount`, 0)
    const tax = checkTax(method.tax_rates, method.is_tax_inclusive, path)
    if (!merchants.has(merchant_id)) {
      if (ignoreMissingBags) return
      throw invalid(`${path}.merchant_id`, "must be the merchant of a line in the session", merchant_id)
    }
    checked.push({ merchant_id, option_id, name: method.name, amount, tax })
  })
  return checked
}
