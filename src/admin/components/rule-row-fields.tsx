import { Trash } from "@medusajs/icons"
import { Hint, IconButton, Input, Select, Text } from "@medusajs/ui"
import type { RuleOperator } from "../lib/coupon-api"
import { LIST_OPERATORS, RuleRow, valueControl, withAttribute, withOperator } from "../lib/coupon-rule-values"
import type { RuleAttributeInfo } from "../lib/rule-attributes-api"
import { EntityPicker } from "./entity-picker"

const OPERATOR_WORDS: Record<RuleOperator, string> = {
  in: "is any of",
  not_in: "is none of",
  eq: "is",
  ne: "is not",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
}

/** On items, a list of records includes or excludes them. */
const LINE_OPERATOR_WORDS: Partial<Record<RuleOperator, string>> = { in: "include", not_in: "exclude" }

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

type RuleRowFieldsProps = {
  /** The row's field id (`coupon-rules.0`): the attribute control has it, the error `<id>-error`. */
  id: string
  row: RuleRow
  /** The attributes this list takes (shopper or line), in the store's order. */
  attributes: RuleAttributeInfo[]
  onChange: (row: RuleRow) => void
  onRemove: () => void
  error?: string
  /** The coupon's currency, for an amount's hint. */
  currency: string
}

/** One rule: what it is about, how it compares, and its values, with a control fit for the attribute. */
export const RuleRowFields = ({ id, row, attributes, onChange, onRemove, error, currency }: RuleRowFieldsProps) => {
  const attribute = attributes.find((entry) => entry.name === row.attribute)
  const words = (operator: RuleOperator) =>
    (attribute?.kind === "line" && attribute.entity && LINE_OPERATOR_WORDS[operator]) || OPERATOR_WORDS[operator]

  return (
    <div className="bg-ui-bg-component flex flex-col gap-y-2 rounded-lg border p-3" data-testid={id}>
      <div className="flex items-center gap-x-2">
        <Select
          size="small"
          value={row.attribute || undefined}
          onValueChange={(name) => {
            const next = attributes.find((entry) => entry.name === name)
            if (next) onChange(withAttribute(row, next))
          }}
        >
          <Select.Trigger id={id} aria-label="Rule on" aria-invalid={error ? true : undefined} className="flex-1">
            <Select.Value placeholder="Choose what it is about" />
          </Select.Trigger>
          <Select.Content>
            {!attribute && row.attribute && <Select.Item value={row.attribute}>{row.attribute}</Select.Item>}
            {attributes.map((entry) => (
              <Select.Item key={entry.name} value={entry.name}>
                {capitalized(entry.label)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        {attribute && row.operator && (
          <Select size="small" value={row.operator} onValueChange={(operator) => onChange(withOperator(row, operator as RuleOperator))}>
            <Select.Trigger aria-label="Compared as" className="w-40">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {attribute.operators.map((operator) => (
                <Select.Item key={operator} value={operator}>
                  {words(operator)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        )}
        <IconButton type="button" size="small" variant="transparent" aria-label="Remove rule" onClick={onRemove}>
          <Trash />
        </IconButton>
      </div>
      {attribute?.description && (
        <Text size="xsmall" className="text-ui-fg-muted">
          {attribute.description}
        </Text>
      )}
      {attribute && <RuleValueControl id={id} row={row} attribute={attribute} onChange={onChange} invalid={Boolean(error)} currency={currency} />}
      {!attribute && row.attribute && (
        <Text size="small" className="text-ui-fg-subtle">
          {row.attribute} {row.operator} {row.values.join(", ")}
        </Text>
      )}
      {error && (
        <Hint id={`${id}-error`} variant="error" role="alert">
          {error}
        </Hint>
      )}
    </div>
  )
}

type RuleValueControlProps = {
  id: string
  row: RuleRow
  attribute: RuleAttributeInfo
  onChange: (row: RuleRow) => void
  invalid: boolean
  currency: string
}

const RuleValueControl = ({ id, row, attribute, onChange, invalid, currency }: RuleValueControlProps) => {
  const single = !LIST_OPERATORS.has(row.operator as RuleOperator)
  const valueId = `${id}-values`
  switch (valueControl(attribute)) {
    case "picker":
      return (
        <EntityPicker
          id={valueId}
          entity={attribute.entity!}
          label={attribute.label}
          value={row.values.map(String)}
          onChange={(ids) => onChange({ ...row, values: ids })}
          single={single}
          invalid={invalid}
        />
      )
    case "yes_no":
      return (
        <Select size="small" value={String(row.values[0] ?? true)} onValueChange={(next) => onChange({ ...row, values: [next === "true"] })}>
          <Select.Trigger id={valueId} aria-label={`${capitalized(attribute.label)} value`}>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="true">Yes</Select.Item>
            <Select.Item value="false">No</Select.Item>
          </Select.Content>
        </Select>
      )
    case "number":
      return (
        <div className="flex items-center gap-x-2">
          <Input
            id={valueId}
            size="small"
            type="number"
            inputMode="decimal"
            step="any"
            aria-label={`${capitalized(attribute.label)} value`}
            aria-invalid={invalid || undefined}
            value={row.text}
            onChange={(event) => onChange({ ...row, text: event.target.value })}
          />
          {attribute.money && (
            <Text size="small" className="text-ui-fg-muted shrink-0">
              {currency.trim().toUpperCase() || "in the coupon's currency"}
            </Text>
          )}
        </div>
      )
    default:
      return (
        <Input
          id={valueId}
          size="small"
          aria-label={`${capitalized(attribute.label)} ${single ? "value" : "values, separated by commas"}`}
          aria-invalid={invalid || undefined}
          placeholder={single ? undefined : "Separate values with commas"}
          value={row.text}
          onChange={(event) => onChange({ ...row, text: event.target.value })}
        />
      )
  }
}
