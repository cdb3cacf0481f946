import { DatePicker, Input, Select } from "@medusajs/ui"
import type { Merchant } from "../lib/coupon-api"
import type { CouponTermsValues, FieldErrors } from "../lib/coupon-form-values"
import { CouponRulesFields } from "./coupon-rules-fields"
import { FormField, SwitchRow } from "./form-field"
import { MerchantSelect } from "./merchant-select"

type CouponTermsFieldsProps = {
  /** Prefix of the controls' ids, so two forms on a page do not clash. */
  idPrefix: string
  values: CouponTermsValues
  onChange: (patch: Partial<CouponTermsValues>) => void
  errors: FieldErrors
  merchants: Merchant[]
}

/** Every field of a coupon but its code: shared by the coupon form and the generate dialog. */
export const CouponTermsFields = ({ idPrefix, values, onChange, errors, merchants }: CouponTermsFieldsProps) => {
  const id = (field: string) => `${idPrefix}-${field}`
  const text = (field: keyof CouponTermsValues) => ({
    id: id(field),
    value: values[field] as string,
    "aria-invalid": errors[field] ? true : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange({ [field]: event.target.value }),
  })
  const isFixed = values.value_type === "fixed"

  return (
    <div className="flex flex-col gap-y-6">
      <FormField id={id("name")} label="Name" optional hint="Shown to staff only." error={errors.name}>
        <Input {...text("name")} placeholder="Summer sale" />
      </FormField>
      <FormField id={id("merchant_id")} label="Merchant" error={errors.merchant_id}>
        <MerchantSelect
          id={id("merchant_id")}
          value={values.merchant_id}
          onChange={(merchantId) => onChange({ merchant_id: merchantId })}
          merchants={merchants}
          invalid={Boolean(errors.merchant_id)}
        />
      </FormField>

      <div className="grid grid-cols-2 gap-4">
        <FormField id={id("value_type")} label="Type" error={errors.value_type}>
          <Select
            value={values.value_type}
            onValueChange={(next) => onChange({ value_type: next as CouponTermsValues["value_type"] })}
          >
            <Select.Trigger id={id("value_type")}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="percentage">Percentage</Select.Item>
              <Select.Item value="fixed">Fixed amount</Select.Item>
            </Select.Content>
          </Select>
        </FormField>
        <FormField id={id("value")} label={isFixed ? "Amount" : "Percentage"} error={errors.value}>
          <Input {...text("value")} type="number" inputMode="decimal" step="any" min="0" placeholder={isFixed ? "5.00" : "10"} />
        </FormField>
      </div>

      <div className="grid grid-cols-2 gap-4">
        <FormField
          id={id("currency_code")}
          label="Currency"
          optional={!isFixed}
          hint={isFixed ? "Of the amount." : "Needed for a minimum subtotal."}
          error={errors.currency_code}
        >
          <Input {...text("currency_code")} maxLength={3} placeholder="USD" className="uppercase" />
        </FormField>
        <FormField id={id("min_subtotal")} label="Minimum subtotal" optional error={errors.min_subtotal}>
          <Input {...text("min_subtotal")} type="number" inputMode="decimal" step="any" min="0" placeholder="50.00" />
        </FormField>
      </div>

      <div className="grid grid-cols-2 gap-4">
        <FormField id={id("starts_at")} label="Starts" optional error={errors.starts_at}>
          <DatePicker
            id={id("starts_at")}
            granularity="minute"
            value={values.starts_at}
            onChange={(date) => onChange({ starts_at: date })}
          />
        </FormField>
        <FormField id={id("ends_at")} label="Ends" optional error={errors.ends_at}>
          <DatePicker
            id={id("ends_at")}
            granularity="minute"
            value={values.ends_at}
            onChange={(date) => onChange({ ends_at: date })}
          />
        </FormField>
      </div>

      <div className="grid grid-cols-2 gap-4">
        <FormField id={id("usage_limit")} label="Total uses" optional hint="Empty: unlimited." error={errors.usage_limit}>
          <Input {...text("usage_limit")} type="number" inputMode="numeric" step="1" min="1" />
        </FormField>
        <FormField
          id={id("usage_limit_per_customer")}
          label="Uses per customer"
          optional
          hint="Empty: unlimited."
          error={errors.usage_limit_per_customer}
        >
          <Input {...text("usage_limit_per_customer")} type="number" inputMode="numeric" step="1" min="1" />
        </FormField>
      </div>

      <FormField
        id={id("priority")}
        label="Priority"
        hint="Between codes that exclude each other and save the same, the higher wins."
        error={errors.priority}
      >
        <Input {...text("priority")} type="number" inputMode="numeric" step="1" />
      </FormField>

      <SwitchRow
        id={id("combinable")}
        label="Combinable"
        description="Can be used together with other codes in the same bag."
        checked={values.combinable}
        onChange={(checked) => onChange({ combinable: checked })}
        error={errors.combinable}
      />
      <SwitchRow
        id={id("is_active")}
        label="Active"
        description="Inactive codes are refused at checkout."
        checked={values.is_active}
        onChange={(checked) => onChange({ is_active: checked })}
        error={errors.is_active}
      />

      <CouponRulesFields idPrefix={idPrefix} values={values} onChange={onChange} errors={errors} />
    </div>
  )
}
