import { Button, FocusModal, Heading, Input, Text } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useGenerateCoupons, useMerchants } from "../lib/coupon-api"
import { couponFieldNames, hasErrors } from "../lib/coupon-form-values"
import {
  emptyGenerateValues,
  GenerateFormValues,
  generateValuesToBody,
  validateGenerateValues,
} from "../lib/generate-form-values"
import { useRuleAttributes } from "../lib/rule-attributes-api"
import { serverFormErrors } from "../lib/server-errors"
import { useFormState } from "../lib/use-form-state"
import { CouponTermsFields } from "./coupon-terms-fields"
import { keepDialogOpenWhileListing } from "./entity-picker"
import { focusFirstError, FormError, FormField } from "./form-field"
import { GeneratedCodes } from "./generated-codes"

const GENERATE_FIELDS = ["prefix", "count", "length"]

type GenerateCouponsDialogProps = { open: boolean; onOpenChange: (open: boolean) => void }

/** Bulk-creates coupons with random codes after a prefix, then shows the codes to copy. */
export const GenerateCouponsDialog = ({ open, onOpenChange }: GenerateCouponsDialogProps) => {
  const { values, errors, setErrors, formError, setFormError, change, reset } =
    useFormState<GenerateFormValues>(emptyGenerateValues)
  const [codes, setCodes] = useState<string[]>()
  const { data: merchantList } = useMerchants()
  const attributes = useRuleAttributes().data?.attributes
  const generate = useGenerateCoupons()

  useEffect(() => {
    if (open) {
      reset(emptyGenerateValues())
      setCodes(undefined)
    }
  }, [open])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const fields = [...GENERATE_FIELDS, ...couponFieldNames(values, false)]
    const clientErrors = validateGenerateValues(values, attributes)
    setErrors(clientErrors)
    setFormError(undefined)
    if (hasErrors(clientErrors)) {
      focusFirstError("generate", fields, clientErrors)
      return
    }
    try {
      const result = await generate.mutateAsync(generateValuesToBody(values, attributes))
      setCodes(result.coupons.map((coupon) => coupon.code))
    } catch (error) {
      const placed = serverFormErrors(error, fields)
      setErrors(placed.fields)
      setFormError(placed.form)
      focusFirstError("generate", fields, placed.fields)
    }
  }

  const number = (field: "count" | "length") => ({
    id: `generate-${field}`,
    type: "number",
    inputMode: "numeric" as const,
    step: "1",
    value: values[field],
    "aria-invalid": errors[field] ? true : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => change({ [field]: event.target.value }),
  })

  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content aria-describedby={undefined} onEscapeKeyDown={keepDialogOpenWhileListing}>
        <form onSubmit={submit} noValidate className="flex h-full flex-col overflow-hidden">
          <FocusModal.Header />
          <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto py-16">
            <div className="flex w-full max-w-[720px] flex-col gap-y-8 px-6">
              <div>
                <FocusModal.Title asChild>
                  <Heading>Generate coupon codes</Heading>
                </FocusModal.Title>
                <Text size="small" className="text-ui-fg-subtle">
                  Creates many coupons at once, each with a unique random code after the prefix.
                </Text>
              </div>
              {codes ? (
                <GeneratedCodes codes={codes} />
              ) : (
                <>
                  <FormError message={formError} />
                  <div className="grid grid-cols-3 gap-4">
                    <FormField id="generate-prefix" label="Prefix" optional error={errors.prefix}>
                      <Input
                        id="generate-prefix"
                        value={values.prefix}
                        placeholder="SPRING-"
                        aria-invalid={errors.prefix ? true : undefined}
                        onChange={(event) => change({ prefix: event.target.value })}
                      />
                    </FormField>
                    <FormField id="generate-count" label="How many" error={errors.count}>
                      <Input {...number("count")} min="1" />
                    </FormField>
                    <FormField id="generate-length" label="Random characters" error={errors.length}>
                      <Input {...number("length")} min="4" max="32" />
                    </FormField>
                  </div>
                  <CouponTermsFields
                    idPrefix="generate"
                    values={values}
                    onChange={change}
                    errors={errors}
                    merchants={merchantList?.merchants ?? []}
                  />
                </>
              )}
            </div>
          </FocusModal.Body>
          <FocusModal.Footer>
            {codes ? (
              <>
                <Button size="small" variant="secondary" type="button" onClick={() => setCodes(undefined)}>
                  Generate more
                </Button>
                <Button size="small" type="button" onClick={() => onOpenChange(false)}>
                  Done
                </Button>
              </>
            ) : (
              <>
                <FocusModal.Close asChild>
                  <Button size="small" variant="secondary" type="button">
                    Cancel
                  </Button>
                </FocusModal.Close>
                <Button size="small" type="submit" isLoading={generate.isPending}>
                  Generate
                </Button>
              </>
            )}
          </FocusModal.Footer>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}
