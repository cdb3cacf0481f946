import type {
  CartSessionBag,
  CartSessionAddress,
  CartSessionDiscount,
  CartSessionLine,
  CartSessionShippingMethod,
} from "./cart-session-api"
import { formatAmount } from "./coupon-format"

const filled = (part: string | null | undefined): part is string => !!part && part.trim() !== ""
const joined = (parts: (string | null | undefined)[], separator: string) => parts.filter(filled).join(separator)

/** "us" → "United States", as the browser names it; the code in upper case when it has no name. */
export function countryName(countryCode: string): string {
  const code = countryCode.toUpperCase()
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code
  } catch {
    return code
  }
}

/**
 * The address as the lines of a label: name, company, street lines, "postal code city, province",
 * country, phone; empty parts are left out. No address, no lines.
 */
export function addressLines(address: CartSessionAddress | null): string[] {
  if (!address) {
    return []
  }
  const town = joined([joined([address.postal_code, address.city], " "), address.province?.toUpperCase()], ", ")
  return [
    joined([address.first_name, address.last_name], " "),
    address.company,
    address.address_1,
    address.address_2,
    town,
    countryName(address.country_code),
    address.phone,
  ].filter(filled)
}

/** "Standard shipping · 5.00 USD" (with "incl. tax" for a tax-inclusive price), or "No shipping method". */
export function formatShippingMethod(method: CartSessionShippingMethod | null, currency: string): string {
  if (!method) {
    return "No shipping method"
  }
  const price = formatAmount(method.amount, currency)
  return `${method.name} · ${method.is_tax_inclusive ? `${price} incl. tax` : price}`
}

/** A bag's merchant as the admin shows it: its name (a seller's, through `merchantLink`), else its id. */
export function merchantName(merchantId: string, bags: Pick<CartSessionBag, "merchant_id" | "merchant_name">[]): string {
  return bags.find((bag) => bag.merchant_id === merchantId)?.merchant_name || merchantId
}

/** A shipping code's share of each bag's shipping: "Merchant Acme: −5.00 USD", in bag order. */
export function shippingAllocationLines(
  discount: Pick<CartSessionDiscount, "shipping_allocations">,
  currency: string,
  bags: Pick<CartSessionBag, "merchant_id" | "merchant_name">[] = []
): string[] {
  return discount.shipping_allocations.map(
    (share) => `Merchant ${merchantName(share.merchant_id, bags)}: −${formatAmount(share.amount, currency)}`
  )
}

/**
 * Whether the tax is already inside the prices ("included"), on top of them ("added"), or both
 * ("partly included"): over the lines and the shipping methods of a bag or a whole session.
 */
export function taxInclusion(
  lines: Pick<CartSessionLine, "is_tax_inclusive">[],
  methods: (Pick<CartSessionShippingMethod, "is_tax_inclusive"> | null)[]
): "included" | "added" | "partly included" {
  const flags = [
    ...lines.map((line) => line.is_tax_inclusive),
    ...methods.flatMap((method) => (method ? [method.is_tax_inclusive] : [])),
  ]
  if (flags.length > 0 && flags.every(Boolean)) {
    return "included"
  }
  return flags.some(Boolean) ? "partly included" : "added"
}

/**
 * "1.23 USD" for tax added to the prices, "1.23 USD (included)" where the prices hold it; with a
 * split, what of it is on the items and on the shipping: "1.23 USD (items 1.00 USD, shipping 0.23 USD)".
 */
export function formatTax(
  amount: number,
  currency: string,
  inclusion: ReturnType<typeof taxInclusion>,
  split?: { items: number; shipping: number }
): string {
  const notes = [
    inclusion === "added" ? null : inclusion,
    split
      ? `items ${formatAmount(split.items, currency)}, shipping ${formatAmount(split.shipping, currency)}`
      : null,
  ].filter(filled)
  const money = formatAmount(amount, currency)
  return notes.length ? `${money} (${notes.join("; ")})` : money
}
