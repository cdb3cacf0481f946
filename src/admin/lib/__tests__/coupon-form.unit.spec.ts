import { AdminApiError } from "../admin-request"
import {
  changedFields,
  emptyCouponValues,
  validateCouponValues,
  valuesToBody,
} from "../coupon-form-values"
import { serverFormErrors } from "../server-errors"

const formFields = Object.keys(emptyCouponValues())
const tenPercent = { ...emptyCouponValues(), code: "SPRING10", value: "10" }

describe("the coupon form's own checks", () => {
  it("accepts a plain percentage coupon", () => {
    expect(validateCouponValues(tenPercent, [])).toEqual({})
  })

  it.each([
    ["an empty code", { code: "" }, "code"],
    ["a code with a space", { code: "SPRING 10" }, "code"],
    ["a percentage over 100", { value: "100.5" }, "value"],
    ["a zero value", { value: "0" }, "value"],
    ["a fixed amount without currency", { value_type: "fixed" as const, value: "5" }, "currency_code"],
    ["a minimum subtotal without currency", { min_subtotal: "20" }, "currency_code"],
    ["a currency that is not three letters", { currency_code: "US" }, "currency_code"],
    ["a fractional usage limit", { usage_limit: "1.5" }, "usage_limit"],
    ["a usage limit per customer of 0", { usage_limit_per_customer: "0" }, "usage_limit_per_customer"],
    [
      "an end before the start",
      { starts_at: new Date("2027-02-01"), ends_at: new Date("2027-01-01") },
      "ends_at",
    ],
  ])("refuses %s under its field", (_case, patch, field) => {
    expect(Object.keys(validateCouponValues({ ...tenPercent, ...patch }, []))).toEqual([field])
  })
})

describe("the body sent to the API", () => {
  it("turns empty optional fields into null and lower-cases the currency", () => {
    expect(valuesToBody({ ...tenPercent, code: " SPRING10 ", currency_code: "EUR", usage_limit: "" }, [])).toEqual({
      code: "SPRING10",
      name: null,
      merchant_id: null,
      value_type: "percentage",
      value: 10,
      currency_code: "eur",
      starts_at: null,
      ends_at: null,
      min_subtotal: null,
      usage_limit: null,
      usage_limit_per_customer: null,
      combinable: true,
      priority: 0,
      is_active: true,
      target_type: "items",
      type: "standard",
      allocation: null,
      max_quantity: null,
      rules: null,
      target_rules: null,
      buy_rules: null,
      buy_rules_min_quantity: null,
      apply_to_quantity: null,
      is_automatic: false,
    })
  })

  it("sends only the changed fields of an edit", () => {
    const before = valuesToBody(tenPercent, [])
    const after = valuesToBody({ ...tenPercent, value: "15", is_active: false }, [])
    expect(changedFields(after, before)).toEqual({ value: 15, is_active: false })
  })
})

describe("server errors placed on the form", () => {
  it("puts COUPON_CODE_TAKEN under the code", () => {
    const error = new AdminApiError('Coupon code "a" is already taken store-wide', 409, "COUPON_CODE_TAKEN")
    expect(serverFormErrors(error, formFields)).toEqual({
      fields: { code: 'Coupon code "a" is already taken store-wide' },
    })
  })

  it("puts each part of a 400 under the field it names, and the rest on the form", () => {
    const error = new AdminApiError(
      "Invalid request: Field 'value' must be a whole number of USD minor units, got 5.005; Unrecognized fields: 'usage_count'",
      400,
      "invalid_data"
    )
    expect(serverFormErrors(error, formFields)).toEqual({
      fields: { value: "Field 'value' must be a whole number of USD minor units, got 5.005" },
      form: "Unrecognized fields: 'usage_count'",
    })
  })

  it("keeps a conflict with no field on the form", () => {
    const error = new AdminApiError("Coupon cpn_1 was not found", 404, "COUPON_NOT_FOUND")
    expect(serverFormErrors(error, formFields)).toEqual({ fields: {}, form: "Coupon cpn_1 was not found" })
  })
})
