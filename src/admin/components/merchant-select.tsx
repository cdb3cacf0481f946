import { Select } from "@medusajs/ui"
import type { Merchant } from "../lib/coupon-api"

// Radix selects cannot hold an empty value: store-wide has a stand-in.
const STORE_WIDE = "__store_wide__"

type MerchantSelectProps = {
  id: string
  /** A merchant handle; `null` = store-wide. */
  value: string | null
  onChange: (merchantId: string | null) => void
  merchants: Merchant[]
  invalid?: boolean
}

/** Store-wide or one merchant; a coupon's merchant missing from the directory stays choosable. */
export const MerchantSelect = ({ id, value, onChange, merchants, invalid }: MerchantSelectProps) => {
  const known = value === null || merchants.some((merchant) => merchant.handle === value)
  return (
    <Select
      value={value ?? STORE_WIDE}
      onValueChange={(next) => onChange(next === STORE_WIDE ? null : next)}
    >
      <Select.Trigger id={id} aria-invalid={invalid || undefined}>
        <Select.Value placeholder="Choose a merchant" />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value={STORE_WIDE}>Store-wide (every merchant)</Select.Item>
        {!known && value !== null && <Select.Item value={value}>{value}</Select.Item>}
        {merchants.map((merchant) => (
          <Select.Item key={merchant.id} value={merchant.handle}>
            {merchant.name || merchant.handle}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}
