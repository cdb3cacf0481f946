import { AdminApiError } from "../admin-request"
import { emptyRow, placeServerErrors, rowsToBody, validateRows } from "../manual-discount-form-values"

const row = (patch: Partial<ReturnType<typeof emptyRow>>) => ({ ...emptyRow("cart"), name: "Goodwill", amount: "1", ...patch })

describe("the manual discount form's own checks", () => {
  it("accepts a cart-level and an item-level discount", () => {
    expect(validateRows([row({}), row({ scope: "item", line_item_id: "csitem_1", amount: "2.5" })], "usd")).toEqual({})
  })

  it.each([
    ["an empty amount", { amount: "" }, "0.amount"],
    ["an amount of 0", { amount: "0" }, "0.amount"],
    ["a negative amount", { amount: "-1" }, "0.amount"],
    ["more decimals than USD has", { amount: "1.005" }, "0.amount"],
    ["an empty name", { name: " " }, "0.name"],
    ["an item-level discount without a line", { scope: "item" as const }, "0.line_item_id"],
  ])("refuses %s under its field", (_, patch, field) => {
    expect(Object.keys(validateRows([row(patch)], "usd"))).toEqual([field])
  })

  it("knows JPY has no decimals and KWD three", () => {
    expect(Object.keys(validateRows([row({ amount: "1.5" })], "jpy"))).toEqual(["0.amount"])
    expect(validateRows([row({ amount: "0.125" })], "kwd")).toEqual({})
  })
})

describe("the body and the server's errors", () => {
  const rows = [row({ scope: "item", line_item_id: "csitem_1", name: " Scratched " }), row({ amount: "2", reason: "" }), row({ scope: "item", line_item_id: "csitem_2" })]

  it("sends cart-level and item-level discounts apart, with the version", () => {
    expect(rowsToBody(rows, 4)).toEqual({
      body: {
        cart: [{ amount: 2, name: "Goodwill", reason: null }],
        items: [
          { line_item_id: "csitem_1", amount: 1, name: "Scratched", reason: null },
          { line_item_id: "csitem_2", amount: 1, name: "Goodwill", reason: null },
        ],
        version: 4,
      },
      rowIndex: { "items.0": 0, "cart.0": 1, "items.1": 2 },
    })
  })

  it("puts a 400 under the row field it names, from the plugin or the host", () => {
    const { rowIndex } = rowsToBody(rows)
    const plugin = new AdminApiError("Field 'items.1.amount' is more than is left on line \"Mug\"", 400, "MANUAL_DISCOUNT_AMOUNT_TOO_HIGH")
    expect(placeServerErrors(plugin, rowIndex)).toEqual({ fields: { "2.amount": plugin.message }, form: undefined })
    const host = new AdminApiError("Invalid request: Value for field 'cart, 0, name' too small, expected at least: '1'", 400)
    expect(placeServerErrors(host, rowIndex).fields).toEqual({ "1.name": "Value for field 'cart, 0, name' too small, expected at least: '1'" })
  })

  it("shows a conflict above the form", () => {
    const conflict = new AdminApiError('Line "Mug" (csitem_1) already has a discount from code SAVE10', 409, "MANUAL_DISCOUNT_CONFLICT")
    expect(placeServerErrors(conflict, {})).toEqual({ fields: {}, form: conflict.message })
  })
})
