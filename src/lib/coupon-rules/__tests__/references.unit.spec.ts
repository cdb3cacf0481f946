import { createRuleRegistry, idsByEntity, ruleReferences, unknownIdProblems, type CouponRulesInput } from ".."
import { rule } from "./facts"

const registry = createRuleRegistry([
  { name: "custom.warehouse", kind: "line", value_type: "id", label: "warehouse", entity: "sales_channel" },
])

const coupon: CouponRulesInput = {
  type: "buyget",
  rules: [rule("customer.groups.id", "in", "cusgroup_vip", "cusgroup_gone"), rule("item_total", "gte", 50), rule("region.id", "eq", "reg_eu")],
  target_rules: [rule("items.product.collection_id", "in", "pcol_caps"), rule("items.product.tags.id", "not_in", "ptag_sale")],
  buy_rules: [rule("items.product.collection_id", "eq", "pcol_shirts"), rule("custom.warehouse", "eq", "sc_north"), rule("nope", "eq", "x")],
}

describe("ids the rules name", () => {
  it("lists every id with its entity and field, skipping attributes that name none", () => {
    expect(ruleReferences(coupon, registry)).toEqual([
      { entity: "customer_group", id: "cusgroup_vip", field: "rules.0.values.0" },
      { entity: "customer_group", id: "cusgroup_gone", field: "rules.0.values.1" },
      { entity: "region", id: "reg_eu", field: "rules.2.values.0" },
      { entity: "collection", id: "pcol_caps", field: "target_rules.0.values.0" },
      { entity: "tag", id: "ptag_sale", field: "target_rules.1.values.0" },
      { entity: "collection", id: "pcol_shirts", field: "buy_rules.0.values.0" },
      { entity: "sales_channel", id: "sc_north", field: "buy_rules.1.values.0" },
    ])
  })

  it("groups the distinct ids by entity, for one query each", () => {
    const twice = { ...coupon, target_rules: [...coupon.target_rules!, rule("items.product.collection_id", "ne", "pcol_caps")] }
    expect(idsByEntity(ruleReferences(twice, registry))).toEqual({
      customer_group: ["cusgroup_vip", "cusgroup_gone"],
      region: ["reg_eu"],
      collection: ["pcol_caps", "pcol_shirts"],
      tag: ["ptag_sale"],
      sales_channel: ["sc_north"],
    })
  })

  it("names the field of every id the host does not have", () => {
    const found = { customer_group: ["cusgroup_vip"], region: new Set(["reg_eu"]), collection: ["pcol_caps", "pcol_shirts"], tag: [] }
    expect(unknownIdProblems(ruleReferences(coupon, registry), found)).toEqual([
      { field: "rules.0.values.1", message: `Field 'rules.0.values.1' names customer group "cusgroup_gone", which does not exist` },
      { field: "target_rules.1.values.0", message: `Field 'target_rules.1.values.0' names product tag "ptag_sale", which does not exist` },
      { field: "buy_rules.1.values.0", message: `Field 'buy_rules.1.values.0' names sales channel "sc_north", which does not exist` },
    ])
  })
})
