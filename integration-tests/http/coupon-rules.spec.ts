import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { AdminProduct, catalogueOverAdmin } from "../helpers/catalogue-over-admin"
import { hostDirectory } from "../helpers/host"
import { refused } from "../helpers/http"
import { cartSessionRequests, createStorefront, registerCustomer, StoreHeaders, Storefront } from "../helpers/store"

jest.setTimeout(180_000)

type Rule = { attribute: string; operator: string; values: (string | number | boolean)[] }
const rule = (attribute: string, operator: string, ...values: (string | number | boolean)[]): Rule => ({ attribute, operator, values })
const tenPercent = { value_type: "percentage", value: 10 }
const free = { value_type: "percentage", value: 100 }

/**
 * Coupon rules (docs/coupon-rules.md) through the booted host, with a catalogue, customers and groups
 * made through the host's admin API as a store owner makes them: the worked examples of the issue to
 * the minor unit, every attribute and operator, automatic coupons, and bad input.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    let shop: Storefront
    const ids: Record<string, string> = {}
    const products: Record<string, AdminProduct> = {}

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      admin = await createAdminUser(getContainer())
      shop = await createStorefront(getContainer(), { currencies: ["usd"] })
      const host = catalogueOverAdmin(api, () => admin)
      ids.shirts = await host.collection("Shirts")
      ids.caps = await host.collection("Summer caps")
      ids.tops = await host.category("Tops")
      ids.headwear = await host.category("Headwear")
      ids.shirtType = await host.type("Shirt")
      ids.capType = await host.type("Cap")
      ids.sale = await host.tag("Sale")
      ids.new = await host.tag("New")
      ids.vip = await host.customerGroup("VIP")
      ids.wholesale = await host.customerGroup("Wholesale")
      const shirt = { collection_id: ids.shirts, type_id: ids.shirtType, category_ids: [ids.tops] }
      const made = (title: string, spec: Omit<Parameters<typeof host.product>[0], "title">) =>
        host.product({ title, ...spec }, shop.salesChannelId)
      products.oxford = await made("Oxford shirt", { price: 20, merchant: "acme", ...shirt, tag_ids: [ids.sale] })
      products.linen = await made("Linen shirt", { price: 20, merchant: "acme", ...shirt, tag_ids: [ids.new] })
      products.cap = await made("Sun cap", {
        price: 15,
        merchant: "acme",
        collection_id: ids.caps,
        type_id: ids.capType,
        category_ids: [ids.headwear],
        tag_ids: [ids.sale],
      })
      products.globexShirt = await made("Globex shirt", { price: 20, merchant: "globex", ...shirt })
      products.a = await made("Product A", { price: 30, merchant: "acme" })
      products.b = await made("Product B", { price: 20, merchant: "acme" })
      products.c = await made("Product C", { price: 10, merchant: "acme" })
    })

    const createCoupon = async (body: Record<string, unknown>) => (await api.post("/admin/coupons", body, admin)).data.coupon
    const sessions = (shopper: () => StoreHeaders = () => shop.anonymous) => cartSessionRequests(api, shopper)
    const anonymous = sessions()
    const items = (...lines: [AdminProduct, number][]) => lines.map(([product, quantity]) => ({ variant_id: product.variantId, quantity }))
    const sessionWith = (lines: [AdminProduct, number][], requests = anonymous) => requests.create({ items: items(...lines) })
    const withCode = async (code: string, lines: [AdminProduct, number][], requests = anonymous) => {
      const session = await sessionWith(lines, requests)
      return await requests.post(`${session.id}/coupons`, { code })
    }
    const discountOf = (session: any, code: string) => session.discounts.find((discount: any) => discount.code === code)
    const lineOf = (session: any, product: AdminProduct) =>
      session.bags.flatMap((bag: any) => bag.items).find((line: any) => line.variant_id === product.variantId)
    const sharesOf = (session: any, code: string) =>
      Object.fromEntries(
        discountOf(session, code).allocations.map((share: any) => [
          session.bags.flatMap((bag: any) => bag.items).find((line: any) => line.id === share.line_item_id).title,
          share.amount,
        ])
      )

    describe("the worked examples", () => {
      const buyTwoShirtsGetACap = (code: string, maxQuantity: number) =>
        createCoupon({
          code,
          ...free,
          type: "buyget",
          buy_rules: [rule("items.product.collection_id", "in", ids.shirts)],
          target_rules: [rule("items.product.collection_id", "in", ids.caps)],
          buy_rules_min_quantity: 2,
          apply_to_quantity: 1,
          max_quantity: maxQuantity,
        })

      it("buy 2 shirts get 1 cap free: 3 shirts and 2 caps take 15.00 off one cap", async () => {
        await buyTwoShirtsGetACap("B2G1", 1)
        const session = await withCode("B2G1", [[products.oxford, 3], [products.cap, 2]])
        expect(discountOf(session, "B2G1")).toMatchObject({ status: "APPLIED", amount_total: 15 })
        expect(sharesOf(session, "B2G1")).toEqual({ "Sun cap": 15 })
        expect(session).toMatchObject({ subtotal: 90, discount_total: 15, total: 75 })
      })

      it("buy 2 shirts get 1 cap free: 1 shirt and 2 caps take nothing, NOT_APPLICABLE saying why", async () => {
        await buyTwoShirtsGetACap("B2G1", 1)
        const session = await withCode("B2G1", [[products.oxford, 1], [products.cap, 2]])
        expect(discountOf(session, "B2G1")).toMatchObject({
          status: "NOT_APPLICABLE",
          amount_total: 0,
          message:
            "Code B2G1 does not apply: buy 2 of the items whose collection is Shirts to get 1 of the items whose collection is Summer caps, " +
            "and the cart has too few (an item counted as bought is never discounted)",
        })
        expect(session.discount_total).toBe(0)
      })

      it("buy 2 shirts get 1 cap free up to 2 caps: 4 shirts and 2 caps take 30.00", async () => {
        await buyTwoShirtsGetACap("B2G1X2", 2)
        const session = await withCode("B2G1X2", [[products.oxford, 4], [products.cap, 2]])
        expect(discountOf(session, "B2G1X2")).toMatchObject({ status: "APPLIED", amount_total: 30 })
        expect(sharesOf(session, "B2G1X2")).toEqual({ "Sun cap": 30 })
      })

      it("overlapping sets: buy 2 of {A, B, C} get 1 A free, one unit of each, takes 30.00 (B and C count as bought)", async () => {
        await createCoupon({
          code: "OVERLAP",
          ...free,
          type: "buyget",
          buy_rules: [rule("items.product.id", "in", products.a.productId, products.b.productId, products.c.productId)],
          target_rules: [rule("items.product.id", "in", products.a.productId)],
          buy_rules_min_quantity: 2,
          apply_to_quantity: 1,
          max_quantity: 1,
        })
        const session = await withCode("OVERLAP", [[products.a, 1], [products.b, 1], [products.c, 1]])
        expect(discountOf(session, "OVERLAP")).toMatchObject({ status: "APPLIED", amount_total: 30 })
        expect(sharesOf(session, "OVERLAP")).toEqual({ "Product A": 30 })
      })

      it("10% on shirts, at most 2 of each line: two lines of 3 × 20.00 take 8.00; at most 2 in all takes 4.00", async () => {
        const shirts = { ...tenPercent, target_rules: [rule("items.product.collection_id", "in", ids.shirts)], max_quantity: 2 }
        await createCoupon({ code: "EACH2", ...shirts, allocation: "each" })
        await createCoupon({ code: "ONCE2", ...shirts, allocation: "once" })
        const lines: [AdminProduct, number][] = [[products.oxford, 3], [products.linen, 3]]

        const each = await withCode("EACH2", lines)
        expect(discountOf(each, "EACH2")).toMatchObject({ status: "APPLIED", amount_total: 8 })
        expect(sharesOf(each, "EACH2")).toEqual({ "Oxford shirt": 4, "Linen shirt": 4 })

        const once = await withCode("ONCE2", lines)
        expect(discountOf(once, "ONCE2")).toMatchObject({ status: "APPLIED", amount_total: 4 })
        expect(sharesOf(once, "ONCE2")).toEqual({ "Oxford shirt": 4 })
      })

      it("a customer-group coupon: a guest gets NOT_ELIGIBLE, a customer in [VIP, Wholesale] gets it with `in [VIP]`", async () => {
        await createCoupon({ code: "VIP10", ...tenPercent, rules: [rule("customer.groups.id", "in", ids.vip)] })
        const guest = await withCode("VIP10", [[products.oxford, 1]])
        expect(discountOf(guest, "VIP10")).toMatchObject({
          status: "NOT_ELIGIBLE",
          amount_total: 0,
          message: "Code VIP10 is only for customers whose customer group is VIP: sign in to use it",
        })

        const customer = await registerCustomer(api, shop.publishableKey, "vip@example.com")
        await catalogueOverAdmin(api, () => admin).addToGroup(ids.vip, [customer.customerId])
        await catalogueOverAdmin(api, () => admin).addToGroup(ids.wholesale, [customer.customerId])
        const member = await withCode("VIP10", [[products.oxford, 1]], sessions(() => customer.headers))
        expect(discountOf(member, "VIP10")).toMatchObject({ status: "APPLIED", amount_total: 2 })

        const outsider = await registerCustomer(api, shop.publishableKey, "outsider@example.com")
        await catalogueOverAdmin(api, () => admin).addToGroup(ids.wholesale, [outsider.customerId])
        const other = await withCode("VIP10", [[products.oxford, 1]], sessions(() => outsider.headers))
        expect(discountOf(other, "VIP10")).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: "Code VIP10 is only for customers whose customer group is VIP",
        })
      })

      it("a collection target with a merchant scope: only that merchant's lines of the collection share it", async () => {
        await createCoupon({
          code: "ACMESHIRTS",
          merchant_id: "acme",
          ...tenPercent,
          target_rules: [rule("items.product.collection_id", "in", ids.shirts)],
        })
        const session = await withCode("ACMESHIRTS", [[products.oxford, 1], [products.globexShirt, 1], [products.cap, 1]])
        expect(discountOf(session, "ACMESHIRTS")).toMatchObject({ status: "APPLIED", amount_total: 2, merchant_id: "acme" })
        expect(sharesOf(session, "ACMESHIRTS")).toEqual({ "Oxford shirt": 2 })
      })

      it("counts min_subtotal over the matching lines only", async () => {
        await createCoupon({
          code: "CAPS30",
          ...tenPercent,
          currency_code: "usd",
          min_subtotal: 30,
          target_rules: [rule("items.product.collection_id", "in", ids.caps)],
        })
        const short = await withCode("CAPS30", [[products.oxford, 3], [products.cap, 1]])
        expect(discountOf(short, "CAPS30")).toMatchObject({
          status: "MIN_SUBTOTAL_NOT_MET",
          message: "Code CAPS30 requires at least 30.00 of items whose collection is Summer caps (currently 15.00)",
        })
        const enough = await withCode("CAPS30", [[products.oxford, 1], [products.cap, 2]])
        expect(discountOf(enough, "CAPS30")).toMatchObject({ status: "APPLIED", amount_total: 3 })
      })
    })

    describe("every line attribute and operator", () => {
      // One session of an Oxford shirt (20.00) and a Sun cap (15.00); 10% shows which lines a rule matched:
      // 2.00 the shirt, 1.50 the cap, 3.50 both, and NOT_APPLICABLE neither.
      const cases: [string, () => Rule, "shirt" | "cap" | "both" | "none"][] = [
        ["items.product.id in", () => rule("items.product.id", "in", products.oxford.productId), "shirt"],
        ["items.product.id not_in", () => rule("items.product.id", "not_in", products.oxford.productId), "cap"],
        ["items.product.id eq", () => rule("items.product.id", "eq", products.cap.productId), "cap"],
        ["items.product.id ne", () => rule("items.product.id", "ne", products.cap.productId), "shirt"],
        ["items.variant_id in", () => rule("items.variant_id", "in", products.cap.variantId, products.oxford.variantId), "both"],
        ["items.variant_id not_in", () => rule("items.variant_id", "not_in", products.cap.variantId, products.oxford.variantId), "none"],
        ["items.variant_id eq", () => rule("items.variant_id", "eq", products.oxford.variantId), "shirt"],
        ["items.variant_id ne", () => rule("items.variant_id", "ne", products.oxford.variantId), "cap"],
        ["items.product.collection_id in", () => rule("items.product.collection_id", "in", ids.caps), "cap"],
        ["items.product.collection_id not_in", () => rule("items.product.collection_id", "not_in", ids.caps), "shirt"],
        ["items.product.collection_id eq", () => rule("items.product.collection_id", "eq", ids.shirts), "shirt"],
        ["items.product.collection_id ne", () => rule("items.product.collection_id", "ne", ids.shirts), "cap"],
        ["items.product.categories.id in", () => rule("items.product.categories.id", "in", ids.tops, ids.headwear), "both"],
        ["items.product.categories.id not_in", () => rule("items.product.categories.id", "not_in", ids.tops), "cap"],
        ["items.product.type_id in", () => rule("items.product.type_id", "in", ids.shirtType), "shirt"],
        ["items.product.type_id not_in", () => rule("items.product.type_id", "not_in", ids.shirtType), "cap"],
        ["items.product.type_id eq", () => rule("items.product.type_id", "eq", ids.capType), "cap"],
        ["items.product.type_id ne", () => rule("items.product.type_id", "ne", ids.capType), "shirt"],
        ["items.product.tags.id in", () => rule("items.product.tags.id", "in", ids.sale), "both"],
        ["items.product.tags.id not_in", () => rule("items.product.tags.id", "not_in", ids.new), "both"],
        ["items.product.tags.id in (none tagged)", () => rule("items.product.tags.id", "in", ids.new), "none"],
      ]
      const saving = { shirt: 2, cap: 1.5, both: 3.5, none: 0 }

      it.each(cases)("%s", async (_, made, expected) => {
        await createCoupon({ code: "LINES", ...tenPercent, target_rules: [made()] })
        const session = await withCode("LINES", [[products.oxford, 1], [products.cap, 1]])
        expect(discountOf(session, "LINES")).toMatchObject({
          status: expected === "none" ? "NOT_APPLICABLE" : "APPLIED",
          amount_total: saving[expected],
        })
      })

      it("holds a line to every rule of the list (and)", async () => {
        await createCoupon({
          code: "BOTHRULES",
          ...tenPercent,
          target_rules: [rule("items.product.tags.id", "in", ids.sale), rule("items.product.categories.id", "in", ids.tops)],
        })
        const session = await withCode("BOTHRULES", [[products.oxford, 1], [products.linen, 1], [products.cap, 1]])
        expect(sharesOf(session, "BOTHRULES")).toEqual({ "Oxford shirt": 2 })
      })

      it("says which items it wanted when no line matches", async () => {
        await createCoupon({ code: "CAPSONLY", ...tenPercent, target_rules: [rule("items.product.collection_id", "in", ids.caps)] })
        const session = await withCode("CAPSONLY", [[products.oxford, 1]])
        expect(discountOf(session, "CAPSONLY")).toMatchObject({
          status: "NOT_APPLICABLE",
          message: "Code CAPSONLY does not apply: the cart has no items whose collection is Summer caps",
        })
      })
    })

    describe("every shopper attribute and operator", () => {
      const verdict = async (rules: Rule[], requests = anonymous, extra: Record<string, unknown> = {}) => {
        const code = `R${Math.random().toString(36).slice(2, 10).toUpperCase()}`
        await createCoupon({ code, ...tenPercent, rules, ...extra })
        return discountOf(await withCode(code, [[products.oxford, 1]], requests), code)
      }

      it("customer.id: in, not_in, eq, ne; to a shopper it excludes, a guest included, the code does not exist", async () => {
        const customer = await registerCustomer(api, shop.publishableKey, "ana@example.com")
        const signedIn = sessions(() => customer.headers)
        expect((await verdict([rule("customer.id", "in", customer.customerId)], signedIn)).status).toBe("APPLIED")
        expect((await verdict([rule("customer.id", "eq", customer.customerId)], signedIn)).status).toBe("APPLIED")
        expect((await verdict([rule("customer.id", "not_in", customer.customerId)], signedIn)).status).toBe("INVALID")
        expect((await verdict([rule("customer.id", "ne", customer.customerId)], signedIn)).status).toBe("INVALID")
        // Never the rule in words: it would name another customer (security.spec.ts compares the whole answer).
        expect(await verdict([rule("customer.id", "ne", customer.customerId)])).toMatchObject({
          status: "INVALID",
          message: expect.stringMatching(/^Coupon code "R\w+" does not exist$/),
        })
      })

      it("customer.groups.id: not_in", async () => {
        const customer = await registerCustomer(api, shop.publishableKey, "bo@example.com")
        await catalogueOverAdmin(api, () => admin).addToGroup(ids.wholesale, [customer.customerId])
        const signedIn = sessions(() => customer.headers)
        expect((await verdict([rule("customer.groups.id", "not_in", ids.vip)], signedIn)).status).toBe("APPLIED")
        expect(await verdict([rule("customer.groups.id", "not_in", ids.wholesale)], signedIn)).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: expect.stringContaining("whose customer group is not Wholesale"),
        })
      })

      it("sales_channel_id and region.id: eq, ne, in, not_in", async () => {
        expect((await verdict([rule("sales_channel_id", "eq", shop.salesChannelId)])).status).toBe("APPLIED")
        expect((await verdict([rule("sales_channel_id", "ne", shop.salesChannelId)])).status).toBe("NOT_ELIGIBLE")
        expect((await verdict([rule("region.id", "in", shop.regionId)])).status).toBe("APPLIED")
        expect((await verdict([rule("region.id", "not_in", shop.regionId)])).status).toBe("NOT_ELIGIBLE")
      })

      it("currency_code: eq and ne, ignoring case; shipping_address.country_code fails until the cart has an address", async () => {
        expect((await verdict([rule("currency_code", "eq", "USD")])).status).toBe("APPLIED")
        expect((await verdict([rule("currency_code", "ne", "usd")])).status).toBe("NOT_ELIGIBLE")
        expect((await verdict([rule("currency_code", "in", "eur", "usd")])).status).toBe("APPLIED")
        expect(await verdict([rule("shipping_address.country_code", "eq", "us")])).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: expect.stringContaining("(the cart has no shipping country yet)"),
        })
        expect((await verdict([rule("shipping_address.country_code", "ne", "us")])).status).toBe("APPLIED")
      })

      it("item_total (the scope's subtotal, in the coupon's currency): gt, gte, lt, lte, eq, ne", async () => {
        const usd = { currency_code: "usd" }
        expect((await verdict([rule("item_total", "gte", 20)], anonymous, usd)).status).toBe("APPLIED")
        expect((await verdict([rule("item_total", "gt", 20)], anonymous, usd)).status).toBe("NOT_ELIGIBLE")
        expect((await verdict([rule("item_total", "lte", 20)], anonymous, usd)).status).toBe("APPLIED")
        expect((await verdict([rule("item_total", "lt", 20)], anonymous, usd)).status).toBe("NOT_ELIGIBLE")
        expect((await verdict([rule("item_total", "eq", 20)], anonymous, usd)).status).toBe("APPLIED")
        expect(await verdict([rule("item_total", "ne", 20)], anonymous, usd)).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: expect.stringContaining("whose item total is not 20.00"),
        })
      })

      it("custom.first_order, the test store's own attribute, declared once in its medusa-config", async () => {
        const customer = await registerCustomer(api, shop.publishableKey, "first@example.com")
        expect(await verdict([rule("custom.first_order", "eq", true)], sessions(() => customer.headers))).toMatchObject({
          status: "APPLIED",
        })
        expect(await verdict([rule("custom.first_order", "eq", false)], sessions(() => customer.headers))).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: expect.stringContaining("customers who have ordered before"),
        })
        expect(await verdict([rule("custom.first_order", "eq", true)])).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: expect.stringContaining("customers placing their first order: sign in to use it"),
        })
      })
    })

    describe("automatic coupons", () => {
      it("applies without a code to a session that meets its rules, listed as AUTOMATIC, from the session's next change", async () => {
        const session = await sessionWith([[products.oxford, 2], [products.cap, 1]])
        await createCoupon({
          code: "CAPDEAL",
          ...tenPercent,
          is_automatic: true,
          target_rules: [rule("items.product.collection_id", "in", ids.caps)],
        })
        // Creating it rewrites no open session: it is taken at the session's next change or price.
        expect((await anonymous.get(session.id)).version).toBe(session.version)
        expect((await anonymous.get(session.id)).discounts).toEqual([])

        const priced = await anonymous.post(`${session.id}/price`)
        expect(priced.discounts).toEqual([
          expect.objectContaining({ code: "CAPDEAL", type: "AUTOMATIC", status: "APPLIED", amount_total: 1.5 }),
        ])
        expect(priced).toMatchObject({ discount_total: 1.5, priced: true })
        expect(lineOf(priced, products.cap).discount_total).toBe(1.5)
      })

      it("is not listed while its rules do not hold, and leaves once they stop holding", async () => {
        await createCoupon({
          code: "CAPDEAL",
          ...tenPercent,
          is_automatic: true,
          target_rules: [rule("items.product.collection_id", "in", ids.caps)],
        })
        const shirtsOnly = await sessionWith([[products.oxford, 1]])
        expect(shirtsOnly.discounts).toEqual([])

        const withCap = await anonymous.post(`${shirtsOnly.id}/line-items`, { variant_id: products.cap.variantId, quantity: 1 })
        expect(withCap.discounts.map((discount: any) => [discount.code, discount.type])).toEqual([["CAPDEAL", "AUTOMATIC"]])
        const capLine = lineOf(withCap, products.cap)
        const removed = (await api.delete(`/store/cart-sessions/${withCap.id}/line-items/${capLine.id}`, shop.anonymous)).data
          .cart_session
        expect(removed.discounts).toEqual([])
      })

      it("stacks under the same rules as codes: a non-combinable code keeps out a smaller automatic discount", async () => {
        await createCoupon({ code: "AUTO5", ...tenPercent, value: 5, is_automatic: true })
        await createCoupon({ code: "SOLO20", ...tenPercent, value: 20, combinable: false })
        const session = await withCode("SOLO20", [[products.oxford, 1]])
        expect(session.discounts.map((discount: any) => [discount.code, discount.status])).toEqual([["SOLO20", "APPLIED"]])
        expect(session.discount_total).toBe(4)
      })

      it("takes a seat at convert like a code; a session that priced it before the last seat went is refused once", async () => {
        await createCoupon({ code: "ONLYONCE", ...tenPercent, is_automatic: true, usage_limit: 1 })
        const first = await sessionWith([[products.oxford, 1]])
        const second = await sessionWith([[products.cap, 1]])
        expect(discountOf(first, "ONLYONCE")).toMatchObject({ type: "AUTOMATIC", status: "APPLIED" })
        expect(discountOf(second, "ONLYONCE")).toMatchObject({ type: "AUTOMATIC", status: "APPLIED" })

        const converted = await anonymous.post(`${first.id}/convert`)
        expect(converted.status).toBe("converted")
        const { data } = await api.get(`/admin/coupons?q=ONLYONCE`, admin)
        expect(data.coupons[0].usage_count).toBe(1)

        const { status, body } = await refused(api.post(`/store/cart-sessions/${second.id}/convert`, {}, shop.anonymous))
        expect(status).toBe(409)
        expect(body).toMatchObject({
          code: "CART_SESSION_DISCOUNT_CHANGED",
          message: expect.stringContaining("ONLYONCE no longer applies"),
        })
        const after = await anonymous.get(second.id)
        expect(after).toMatchObject({ discounts: [], discount_total: 0, status: "open" })
        expect((await anonymous.post(`${second.id}/convert`)).status).toBe("converted")
      })
    })

    describe("shipping coupons (target_type shipping_methods)", () => {
      const freeShipping = { ...free, target_type: "shipping_methods" }

      it("leaves the items alone: without a shipping method it is NOT_APPLICABLE saying so, and an item code beside it still applies", async () => {
        await createCoupon({ code: "FREESHIP", ...freeShipping })
        await createCoupon({ code: "TEN", ...tenPercent })
        const session = await withCode("FREESHIP", [[products.oxford, 2]])
        expect(discountOf(session, "FREESHIP")).toMatchObject({
          status: "NOT_APPLICABLE",
          amount_total: 0,
          message: "Code FREESHIP discounts shipping, and no shipping method is chosen yet",
        })
        expect(session).toMatchObject({ subtotal: 40, discount_total: 0, total: 40 })
        const both = await anonymous.post(`${session.id}/coupons`, { code: "TEN" })
        expect(discountOf(both, "TEN")).toMatchObject({ status: "APPLIED", amount_total: 4 })
        expect(discountOf(both, "FREESHIP").status).toBe("NOT_APPLICABLE")
        expect(both).toMatchObject({ subtotal: 40, discount_total: 4, total: 36 })
      })

      it("names the merchant of a merchant's shipping coupon, and is decided on its shopper rules first", async () => {
        await createCoupon({ code: "ACMESHIP", ...freeShipping, merchant_id: "acme" })
        await createCoupon({ code: "VIPSHIP", ...freeShipping, rules: [rule("customer.groups.id", "in", ids.vip)] })
        const session = await withCode("ACMESHIP", [[products.oxford, 1]])
        expect(discountOf(session, "ACMESHIP").message).toBe(
          "Code ACMESHIP discounts shipping, and no shipping method is chosen for the items from merchant acme yet"
        )
        const guest = await anonymous.post(`${session.id}/coupons`, { code: "VIPSHIP" })
        expect(discountOf(guest, "VIPSHIP")).toMatchObject({
          status: "NOT_ELIGIBLE",
          message: "Code VIPSHIP is only for customers whose customer group is VIP: sign in to use it",
        })
      })

      it("an automatic shipping coupon takes nothing off the items", async () => {
        await createCoupon({ code: "AUTOSHIP", ...freeShipping, is_automatic: true })
        const session = await sessionWith([[products.oxford, 1]])
        expect(session).toMatchObject({ discounts: [], subtotal: 20, discount_total: 0, total: 20 })
      })
    })

    describe("bad input", () => {
      const refusedCoupon = async (body: Record<string, unknown>) => {
        const answer = await refused(api.post("/admin/coupons", { code: "BAD", ...tenPercent, ...body }, admin))
        expect((await api.get("/admin/coupons", admin)).data.count).toBe(0)
        return answer
      }

      it.each([
        ["an unknown attribute", { rules: [rule("customer.shoe_size", "eq", 42)] }, "Field 'rules.0.attribute' names no rule attribute"],
        ["a line attribute in rules", { rules: [rule("items.product.id", "in", "prod_x")] }, "Field 'rules.0.attribute' items.product.id is a line attribute"],
        ["an unknown operator", { rules: [rule("currency_code", "like", "usd")] }, `Field 'rules.0.operator' must be one of in, not_in, eq, ne, gt, gte, lt, lte, got "like"`],
        ["an operator the attribute does not take", { rules: [rule("customer.groups.id", "gt", 3)] }, "Field 'rules.0.operator' gt does not apply to customer.groups.id"],
        ["a value of the wrong type", { currency_code: "usd", rules: [rule("item_total", "gt", "fifty")] }, "Field 'rules.0.values.0' must be a number"],
        ["two values for eq", { rules: [rule("region.id", "eq", "a", "b")] }, "Field 'rules.0.values' must hold exactly one value for eq"],
        ["an amount rule without a currency", { rules: [rule("item_total", "gt", 50)] }, "Field 'currency_code' is required by the rule on 'item_total'"],
        ["a bad country code", { rules: [rule("shipping_address.country_code", "eq", "USA")] }, "Field 'rules.0.values.0' must be a two-letter ISO 3166-1 country code"],
        ["buyget without buy_rules", { type: "buyget", target_rules: [rule("items.product.id", "in", "x")], buy_rules_min_quantity: 2, apply_to_quantity: 1, max_quantity: 1 }, "Field 'buy_rules' must list at least one rule for a buy X get Y coupon"],
        ["buyget without quantities", { type: "buyget", buy_rules: [rule("items.product.id", "in", "x")], target_rules: [rule("items.product.id", "in", "x")] }, "Field 'buy_rules_min_quantity' is required for a buy X get Y coupon"],
        ["buy_rules on a standard coupon", { buy_rules: [rule("items.product.id", "in", "x")] }, "Field 'buy_rules' is only for a buy X get Y coupon"],
        ["max_quantity with allocation across", { max_quantity: 2 }, "Field 'max_quantity' counts units only when 'allocation' is 'each' or 'once'"],
        ["allocation each without max_quantity", { allocation: "each" }, "Field 'max_quantity' is required when 'allocation' is 'each'"],
        ["an unknown allocation", { allocation: "spread" }, "'allocation'"],
        ["a max_quantity of 0", { allocation: "once", max_quantity: 0 }, "'max_quantity'"],
      ])("refuses %s with a 400 naming the field, and creates nothing", async (_, body, words) => {
        const { status, body: error } = await refusedCoupon(body)
        expect(status).toBe(400)
        expect(error.type).toBe("invalid_data")
        expect(error.message).toContain(words)
      })

      it("refuses an id the host does not have, naming the field and the id", async () => {
        const { status, body } = await refusedCoupon({
          target_rules: [rule("items.product.collection_id", "in", ids.shirts, "pcol_nope")],
          rules: [rule("customer.groups.id", "in", "cusgroup_nope")],
        })
        expect(status).toBe(400)
        expect(body.message).toContain(`Field 'target_rules.0.values.1' names collection "pcol_nope", which does not exist`)
        expect(body.message).toContain(`Field 'rules.0.values.0' names customer group "cusgroup_nope", which does not exist`)
      })

      it("refuses an update whose rules break, and leaves the coupon as it was", async () => {
        const coupon = await createCoupon({ code: "KEEP", ...tenPercent, target_rules: [rule("items.product.tags.id", "in", ids.sale)] })
        const { status, body } = await refused(
          api.post(`/admin/coupons/${coupon.id}`, { target_rules: [rule("items.product.tags.id", "in", "ptag_nope")] }, admin)
        )
        expect(status).toBe(400)
        expect(body.message).toContain(`Field 'target_rules.0.values.0' names product tag "ptag_nope", which does not exist`)
        const { status: mixed } = await refused(api.post(`/admin/coupons/${coupon.id}`, { allocation: "once" }, admin))
        expect(mixed).toBe(400)
        expect((await api.get(`/admin/coupons/${coupon.id}`, admin)).data.coupon).toMatchObject({
          target_rules: [rule("items.product.tags.id", "in", ids.sale)],
          allocation: null,
        })
      })
    })

    describe("generated coupons", () => {
      it("carries the template's rules onto every generated code, and refuses an unknown id creating none", async () => {
        const target_rules = [rule("items.product.collection_id", "in", ids.caps)]
        const { data } = await api.post(
          "/admin/coupons/generate",
          { prefix: "CAP-", count: 3, ...tenPercent, target_rules, allocation: "once", max_quantity: 1 },
          admin
        )
        expect(data.count).toBe(3)
        for (const { id } of data.coupons) {
          const stored = (await api.get(`/admin/coupons/${id}`, admin)).data.coupon
          expect(stored).toMatchObject({ target_rules, allocation: "once", max_quantity: 1 })
        }
        const session = await withCode(data.coupons[0].code, [[products.oxford, 1], [products.cap, 2]])
        expect(discountOf(session, data.coupons[0].code)).toMatchObject({ status: "APPLIED", amount_total: 1.5 })

        const { status, body } = await refused(
          api.post("/admin/coupons/generate", { prefix: "BAD-", count: 2, ...tenPercent, target_rules: [rule("items.product.id", "in", "prod_nope")] }, admin)
        )
        expect(status).toBe(400)
        expect(body.message).toContain(`Field 'target_rules.0.values.0' names product "prod_nope", which does not exist`)
        expect((await api.get("/admin/coupons?q=BAD-", admin)).data.count).toBe(0)
      })
    })

    describe("in the admin", () => {
      it("lists the rule attributes the store knows, its own among them", async () => {
        const { data } = await api.get("/admin/coupon-rule-attributes", admin)
        const names = data.attributes.map((attribute: any) => attribute.name)
        expect(names).toEqual([
          "customer.id",
          "customer.groups.id",
          "sales_channel_id",
          "region.id",
          "shipping_address.country_code",
          "currency_code",
          "item_total",
          "items.product.id",
          "items.variant_id",
          "items.product.collection_id",
          "items.product.categories.id",
          "items.product.type_id",
          "items.product.tags.id",
          "custom.first_order",
        ])
        expect(data.attributes.find((attribute: any) => attribute.name === "custom.first_order")).toMatchObject({
          kind: "shopper",
          value_type: "boolean",
          operators: ["eq", "ne"],
          label: "first order",
        })
        expect(data.attributes.find((attribute: any) => attribute.name === "customer.groups.id")).toMatchObject({
          kind: "shopper",
          entity: "customer_group",
          operators: ["in", "not_in"],
        })
      })

      it("describes a coupon's rules in words, ids by their names", async () => {
        const coupon = await createCoupon({
          code: "WHOLESHIRTS",
          ...tenPercent,
          rules: [rule("customer.groups.id", "in", ids.wholesale)],
          target_rules: [rule("items.product.collection_id", "in", ids.shirts, ids.caps)],
          allocation: "each",
          max_quantity: 2,
        })
        expect(coupon.rules_description).toEqual([
          "Only for customers whose customer group is Wholesale.",
          "Discounts items whose collection is Shirts or Summer caps.",
          "On at most 2 of each item.",
        ])
        const { data } = await api.get(`/admin/coupons/${coupon.id}`, admin)
        expect(data.coupon.rules_description).toEqual(coupon.rules_description)
      })
    })
  },
})
