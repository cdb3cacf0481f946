import { PlusMini } from "@medusajs/icons"
import { Button, Heading, Hint, Input, Select, Text } from "@medusajs/ui"
import type { CouponAllocation, CouponTargetType, CouponType } from "../lib/coupon-api"
import type { CouponTermsValues, FieldErrors } from "../lib/coupon-form-values"
import { emptyRuleRow, RuleList, RuleRow } from "../lib/coupon-rule-values"
import { RuleAttributeInfo, useRuleAttributes } from "../lib/rule-attributes-api"
import { FormField, SwitchRow } from "./form-field"
import { RuleRowFields } from "./rule-row-fields"

type CouponRulesFieldsProps = {
  idPrefix: string
  values: CouponTermsValues
  onChange: (patch: Partial<CouponTermsValues>) => void
  errors: FieldErrors
}

const ALLOCATION_WORDS: Record<CouponAllocation, { label: string; hint: string }> = {
  across: { label: "Shared by value", hint: "The discount is shared over the matching items by their value." },
  each: { label: "Per unit, on each item", hint: "The value comes off each unit, on at most so many units of each item." },
  once: { label: "Per unit, in all", hint: "The value comes off each unit, on at most so many units in all, the cheapest first." },
}

const TARGET_WORDS: Record<CouponTargetType, { label: string; hint: string }> = {
  items: { label: "Items", hint: "The value comes off the items of the coupon's merchant (or of the cart)." },
  shipping_methods: {
    label: "Shipping",
    hint: "The value comes off the shipping of the coupon's merchant's bag (or of every bag); 100% is free shipping.",
  },
}

/**
 * The rules of docs/coupon-rules.md: what the coupon discounts (items or shipping), who may use it,
 * which items it discounts and how many units, buy X get Y, and whether it applies without a code. A
 * shipping coupon shows none of the item fields. The attributes offered are the store's
 * (GET /admin/coupon-rule-attributes), its own `custom.*` ones included.
 */
export const CouponRulesFields = ({ idPrefix, values, onChange, errors }: CouponRulesFieldsProps) => {
  const { data, error, isLoading } = useRuleAttributes()
  const id = (field: string) => `${idPrefix}-${field}`
  const shopper = data?.attributes.filter((attribute) => attribute.kind === "shopper") ?? []
  const line = data?.attributes.filter((attribute) => attribute.kind === "line") ?? []
  const onItems = values.target_type === "items"
  const buyGet = values.type === "buyget"
  const quantity = (field: "max_quantity" | "buy_rules_min_quantity" | "apply_to_quantity") => ({
    id: id(field),
    type: "number",
    inputMode: "numeric" as const,
    step: "1",
    min: "1",
    value: values[field],
    "aria-invalid": errors[field] ? true : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange({ [field]: event.target.value }),
  })
  const list = (name: RuleList, title: string, hint: string, attributes: RuleAttributeInfo[]) => (
    <RuleListField
      id={id(name)}
      title={title}
      hint={hint}
      rows={values[name]}
      attributes={attributes}
      onChange={(rows) => onChange({ [name]: rows })}
      errors={errors}
      errorKey={name}
      currency={values.currency_code}
    />
  )

  return (
    <section className="flex flex-col gap-y-6 border-t pt-6" aria-labelledby={id("rules-heading")}>
      <div>
        <Heading level="h3" id={id("rules-heading")}>
          Rules
        </Heading>
        <Text size="small" className="text-ui-fg-subtle">
          What the coupon discounts, who may use it, which items and on how many units. Without rules it is for
          every shopper and every item.
        </Text>
      </div>
      <ChoiceField
        id={id("target_type")}
        label="Discounts"
        words={TARGET_WORDS}
        value={values.target_type}
        onChange={(target_type) => onChange({ target_type })}
        error={errors.target_type}
      />
      {isLoading && <Text size="small">Loading the store's rule attributes…</Text>}
      {error && (
        <Hint variant="error" role="alert">
          Could not load the store's rule attributes: {error.message}
        </Hint>
      )}
      {data && (
        <>
          {list("rules", "Who may use it", "Every rule must hold for the shopper.", shopper)}
          {onItems && (
            <>
              <FormField id={id("type")} label="Kind" error={errors.type}>
                <Select value={values.type} onValueChange={(type) => onChange({ type: type as CouponType })}>
                  <Select.Trigger id={id("type")}>
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="standard">Discount on the matching items</Select.Item>
                    <Select.Item value="buyget">Buy X get Y</Select.Item>
                  </Select.Content>
                </Select>
              </FormField>
              {buyGet && (
                <>
                  {list("buy_rules", "Items to buy", "The items that count as bought; an item must match every rule.", line)}
                  <FormField id={id("buy_rules_min_quantity")} label="Buy quantity (X)" hint="Items to buy for each discount." error={errors.buy_rules_min_quantity}>
                    <Input {...quantity("buy_rules_min_quantity")} />
                  </FormField>
                </>
              )}
              {list(
                "target_rules",
                buyGet ? "Items that get the discount" : "Which items",
                buyGet
                  ? "An item must match every rule; an item counted as bought is never discounted."
                  : "An item must match every rule. Without rules, every item of the coupon's merchant (or of the cart).",
                line
              )}
              {buyGet ? (
                <div className="grid grid-cols-2 gap-4">
                  <FormField id={id("apply_to_quantity")} label="Get quantity (Y)" hint="Items discounted for each X bought." error={errors.apply_to_quantity}>
                    <Input {...quantity("apply_to_quantity")} />
                  </FormField>
                  <FormField id={id("max_quantity")} label="At most, in all" hint="Most items discounted in one cart." error={errors.max_quantity}>
                    <Input {...quantity("max_quantity")} />
                  </FormField>
                </div>
              ) : (
                <div className="grid grid-cols-2 gap-4">
                  <ChoiceField
                    id={id("allocation")}
                    label="Allocation"
                    words={ALLOCATION_WORDS}
                    value={values.allocation}
                    onChange={(allocation) => onChange({ allocation })}
                    error={errors.allocation}
                  />
                  {values.allocation !== "across" && (
                    <FormField
                      id={id("max_quantity")}
                      label={values.allocation === "each" ? "Units of each item" : "Units in all"}
                      error={errors.max_quantity}
                    >
                      <Input {...quantity("max_quantity")} />
                    </FormField>
                  )}
                </div>
              )}
            </>
          )}
        </>
      )}
      <SwitchRow
        id={id("is_automatic")}
        label="Automatic"
        description="Applies without a code to every cart that meets its rules."
        checked={values.is_automatic}
        onChange={(checked) => onChange({ is_automatic: checked })}
        error={errors.is_automatic}
      />
    </section>
  )
}

type ChoiceFieldProps<Choice extends string> = {
  id: string
  label: string
  /** Every choice in the order offered, with its label and the hint shown while it is chosen. */
  words: Record<Choice, { label: string; hint: string }>
  value: Choice
  onChange: (choice: Choice) => void
  error?: string
}

const ChoiceField = <Choice extends string>({ id, label, words, value, onChange, error }: ChoiceFieldProps<Choice>) => (
  <FormField id={id} label={label} hint={words[value].hint} error={error}>
    <Select value={value} onValueChange={(next) => onChange(next as Choice)}>
      <Select.Trigger id={id}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {(Object.keys(words) as Choice[]).map((choice) => (
          <Select.Item key={choice} value={choice}>
            {words[choice].label}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  </FormField>
)

type RuleListFieldProps = {
  /** The list's field id: the add button has it, the list's error `<id>-error`. */
  id: string
  title: string
  hint: string
  rows: RuleRow[]
  attributes: RuleAttributeInfo[]
  onChange: (rows: RuleRow[]) => void
  errors: FieldErrors
  /** The list's field name (`target_rules`); its rows' errors are under `<name>.<index>`. */
  errorKey: RuleList
  currency: string
}

const RuleListField = ({ id, title, hint, rows, attributes, onChange, errors, errorKey, currency }: RuleListFieldProps) => (
  <div className="flex flex-col gap-y-2" role="group" aria-labelledby={`${id}-title`}>
    <div>
      <Text size="small" weight="plus" id={`${id}-title`}>
        {title}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        {hint}
      </Text>
    </div>
    {rows.map((row, index) => (
      <RuleRowFields
        key={row.key}
        id={`${id}.${index}`}
        row={row}
        attributes={attributes}
        onChange={(next) => onChange(rows.map((candidate) => (candidate.key === row.key ? next : candidate)))}
        onRemove={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
        error={errors[`${errorKey}.${index}`]}
        currency={currency}
      />
    ))}
    {errors[errorKey] && (
      <Hint id={`${id}-error`} variant="error" role="alert">
        {errors[errorKey]}
      </Hint>
    )}
    <div>
      <Button id={id} type="button" size="small" variant="secondary" onClick={() => onChange([...rows, emptyRuleRow()])}>
        <PlusMini /> Add rule
      </Button>
    </div>
  </div>
)
