import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { toMinorUnits } from "../../src/lib/pricing"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../../src/modules/cart-session"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { hostDirectory } from "../helpers/host"
import {
  cartSessionRequests,
  CreatedProduct,
  createProducts,
  createStorefront,
  registerCustomer,
  StoreHeaders,
  Storefront,
} from "../helpers/store"

jest.setTimeout(120_000)

/**
 * A session prices its lines with the context the host will price its cart
 * with (HOST-NOTES "Prices a cart will get"): the customer's groups (their
 * price lists) and each line's quantity (price tiers). Each price is checked
 * against a host cart made through the host's own POST /store/carts with the
 * same region, customer, variant and quantity, to the minor unit.
 */
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let admin: AdminHeaders
    let member: StoreHeaders
    let memberId: string
    let boots: CreatedProduct
    let wrap: CreatedProduct
    let stove: CreatedProduct
    let socks: CreatedProduct

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminUser(container)
      shop = await createStorefront(container, { currencies: ["usd"] })
      const sold = [shop.salesChannelId]
      ;[boots, wrap, stove, socks] = await createProducts(container, [
        { title: "Ranger boots", merchant: "acme", prices: { usd: 30 }, salesChannelIds: sold },
        { title: "Gift wrap", merchant: "acme", addOn: true, prices: { usd: 5 }, salesChannelIds: sold },
        {
          title: "Camp stove",
          merchant: "acme",
          prices: { usd: 30 },
          quantityPrices: [{ currency_code: "usd", amount: 25, min_quantity: 5 }],
          salesChannelIds: sold,
        },
        { title: "Trail socks", merchant: "acme", prices: { usd: 10 }, salesChannelIds: sold },
      ])
      const registered = await registerCustomer(api, shop.publishableKey, "member@checkout-discounts.test")
      member = registered.headers
      memberId = registered.customerId
      const group = (await api.post("/admin/customer-groups", { name: "Members" }, admin)).data.customer_group
      await api.post(`/admin/customer-groups/${group.id}/customers`, { add: [memberId] }, admin)
      await api.post(
        "/admin/price-lists",
        {
          title: "Members' prices",
          description: "Override prices for members",
          type: "override",
          status: "active",
          rules: { "customer.groups.id": [group.id] },
          prices: [
            { variant_id: boots.variantId, currency_code: "usd", amount: 20 },
            { variant_id: wrap.variantId, currency_code: "usd", amount: 4 },
            { variant_id: socks.variantId, currency_code: "usd", amount: 8 },
          ],
        },
        admin
      )
    })

    const { create, post } = cartSessionRequests(api, () => shop.anonymous)
    const addItem = (id: string, variantId: string, quantity: number, headers = shop.anonymous) =>
      post(`${id}/line-items`, { variant_id: variantId, quantity }, headers)
    const setQuantity = async (id: string, lineId: string, quantity: number, headers = shop.anonymous) =>
      (await api.patch(`/store/cart-sessions/${id}/line-items/${lineId}`, { quantity }, headers)).data.cart_session
    const lineOf = (session: any, variantId: string, isAddOn = false) =>
      session.bags
        .flatMap((bag: any) => bag.items)
        .find((line: any) => line.variant_id === variantId && line.is_add_on === isAddOn)

    /** The unit price the session stored for a variant's line, in minor units. */
    async function storedUnitPrice(sessionId: string, variantId: string, isAddOn = false): Promise<number> {
      const state = await getContainer().resolve<CartSessionModuleService>(CART_SESSION_MODULE).loadSessionState(sessionId)
      return state!.items.find((line) => line.variant_id === variantId && line.is_add_on === isAddOn)!.unit_price
    }

    /** A cart of the host's own, with one line; its line's unit price as the host answers it (major units). */
    async function hostCart(headers: StoreHeaders, variantId: string, quantity: number) {
      const { cart } = (
        await api.post("/store/carts", { region_id: shop.regionId, items: [{ variant_id: variantId, quantity }] }, headers)
      ).data
      const line = cart.items[0]
      return {
        cart,
        unitPrice: line.unit_price as number,
        setQuantity: async (next: number) =>
          (await api.post(`/store/carts/${cart.id}/line-items/${line.id}`, { quantity: next }, headers)).data.cart.items[0]
            .unit_price as number,
      }
    }

    describe("a customer group's price list", () => {
      it("prices a member's line at the group's price and an anonymous shopper's at the default price, as the host's carts", async () => {
        const mine = await create({ items: [{ variant_id: boots.variantId, quantity: 1 }] }, member)
        expect(mine.customer_id).toBe(memberId)
        expect(lineOf(mine, boots.variantId).unit_price).toBe(20)
        expect(await storedUnitPrice(mine.id, boots.variantId)).toBe(2000)

        const theirs = await create({ items: [{ variant_id: boots.variantId, quantity: 1 }] })
        expect(lineOf(theirs, boots.variantId).unit_price).toBe(30)
        expect(await storedUnitPrice(theirs.id, boots.variantId)).toBe(3000)

        const memberCart = await hostCart(member, boots.variantId, 1)
        expect(memberCart.cart.customer_id).toBe(memberId)
        expect(toMinorUnits(memberCart.unitPrice, "usd")).toBe(await storedUnitPrice(mine.id, boots.variantId))
        const anonymousCart = await hostCart(shop.anonymous, boots.variantId, 1)
        expect(toMinorUnits(anonymousCart.unitPrice, "usd")).toBe(await storedUnitPrice(theirs.id, boots.variantId))
      })

      it("offers and adds a member's add-ons at the group's price", async () => {
        const session = await create({ items: [{ variant_id: boots.variantId, quantity: 1 }] }, member)
        expect(session.add_ons_offered).toEqual([expect.objectContaining({ id: wrap.variantId, unit_price: 4 })])

        const selected = await post(`${session.id}/add-ons`, { add_on_id: wrap.variantId, selected: true }, member)
        expect(lineOf(selected, wrap.variantId, true)).toMatchObject({ unit_price: 4, quantity: 1 })
        const hostWrap = await hostCart(member, wrap.variantId, 1)
        expect(toMinorUnits(hostWrap.unitPrice, "usd")).toBe(await storedUnitPrice(session.id, wrap.variantId, true))

        const anonymous = await create({ items: [{ variant_id: boots.variantId, quantity: 1 }] })
        expect(anonymous.add_ons_offered).toEqual([expect.objectContaining({ id: wrap.variantId, unit_price: 5 })])
      })

      it("prices an anonymous session again for the customer who claims it, on its next change", async () => {
        const session = await create({ items: [{ variant_id: boots.variantId, quantity: 1 }] })
        expect(lineOf(session, boots.variantId).unit_price).toBe(30)

        // The change adds another item: the line already there and the new one are both priced for the member.
        const claimed = await addItem(session.id, socks.variantId, 1, member)
        expect(claimed.customer_id).toBe(memberId)
        expect(lineOf(claimed, boots.variantId).unit_price).toBe(20)
        expect(lineOf(claimed, socks.variantId).unit_price).toBe(8)
        expect(await storedUnitPrice(session.id, boots.variantId)).toBe(2000)

        const memberCart = await hostCart(member, boots.variantId, 1)
        expect(toMinorUnits(memberCart.unitPrice, "usd")).toBe(await storedUnitPrice(session.id, boots.variantId))
      })
    })

    describe("a price for some quantities only", () => {
      it("applies when a line reaches the quantity by adding to it, and not once it goes back under", async () => {
        const session = await create({ items: [{ variant_id: stove.variantId, quantity: 2 }] })
        const line = lineOf(session, stove.variantId)
        expect(line.unit_price).toBe(30)
        const cart = await hostCart(shop.anonymous, stove.variantId, 2)
        expect(toMinorUnits(cart.unitPrice, "usd")).toBe(await storedUnitPrice(session.id, stove.variantId))

        // 2 + 3 = 5: priced at 5, not at the 3 added.
        const added = await addItem(session.id, stove.variantId, 3)
        expect(lineOf(added, stove.variantId)).toMatchObject({ quantity: 5, unit_price: 25, subtotal: 125 })
        expect(toMinorUnits(await cart.setQuantity(5), "usd")).toBe(await storedUnitPrice(session.id, stove.variantId))

        const fewer = await setQuantity(session.id, line.id, 4)
        expect(lineOf(fewer, stove.variantId)).toMatchObject({ quantity: 4, unit_price: 30, subtotal: 120 })
        expect(toMinorUnits(await cart.setQuantity(4), "usd")).toBe(await storedUnitPrice(session.id, stove.variantId))
      })

      it("applies when a line's quantity is set to it, for a member as for anyone", async () => {
        const session = await create({ items: [{ variant_id: stove.variantId, quantity: 1 }] }, member)
        const line = lineOf(session, stove.variantId)
        const cart = await hostCart(member, stove.variantId, 1)
        expect(toMinorUnits(cart.unitPrice, "usd")).toBe(3000)
        expect(await storedUnitPrice(session.id, stove.variantId)).toBe(3000)

        const more = await setQuantity(session.id, line.id, 6, member)
        expect(lineOf(more, stove.variantId)).toMatchObject({ quantity: 6, unit_price: 25, subtotal: 150 })
        expect(toMinorUnits(await cart.setQuantity(6), "usd")).toBe(await storedUnitPrice(session.id, stove.variantId))

        const back = await setQuantity(session.id, line.id, 1, member)
        expect(lineOf(back, stove.variantId)).toMatchObject({ quantity: 1, unit_price: 30 })
        expect(toMinorUnits(await cart.setQuantity(1), "usd")).toBe(await storedUnitPrice(session.id, stove.variantId))
      })
    })
  },
})
